"""The admin answers a tampered request with a message, never with a server error.

Django's admin sends four kinds of ids back to the database as they came: the rows ticked for an action, the
rows of an editable list, the object chosen in an autocomplete field (shown again when the form has errors) and
the rows chosen in a many-to-many field. A text, or a number beyond the column's range, there failed in the
database with a 500; so did a list filter carrying a NUL byte, on PostgreSQL.
"""

import re

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect

from .champs import ChoixMultiples


def _valeur_valide(champ, valeur) -> bool:
    """Whether the model field `champ` accepts `valeur` (an id: a whole number within the column's range)."""
    try:
        champ.clean(valeur, None)
    except ValidationError:
        return False
    return True


class _ChoixValides:
    """An autocomplete widget that shows again only the chosen values that can be ids (the field's own
    validation already refuses the others, with its message)."""

    def optgroups(self, name, value, attr=None):
        modele = self.field.remote_field.model._meta
        cible = modele.get_field(getattr(self.field.remote_field, "field_name", modele.pk.attname))
        return super().optgroups(name, [v for v in value if _valeur_valide(cible, v)], attr)


class ChoixAutocomplete(_ChoixValides, AutocompleteSelect):
    pass


class ChoixAutocompleteMultiples(_ChoixValides, AutocompleteSelectMultiple):
    pass


class SaisiesVerifiees:
    """For every ModelAdmin and inline: autocomplete fields that tolerate any chosen value, many-to-many fields
    that check their ids, lists whose ticked or edited rows are checked to be ids before anything is looked up,
    and list filters without NUL."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ChoixAutocomplete(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ChoixAutocompleteMultiples(db_field, self.admin_site, using=kwargs.get("using"))
        kwargs.setdefault("form_class", ChoixMultiples)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_changelist_instance(self, request):
        # PostgreSQL refuses NUL in text: a filter carrying one is invalid, as Django says of the others (?e=1).
        if any("\x00" in cle or any("\x00" in v for v in valeurs) for cle, valeurs in request.GET.lists()):
            raise IncorrectLookupParameters
        return super().get_changelist_instance(request)

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and not self._lignes_valides(request.POST):
            self.message_user(request, "La sélection envoyée ne désigne pas des lignes de cette liste : rien n'a été "
                                       "modifié.", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        return super().changelist_view(request, extra_context)

    def _lignes_valides(self, donnees) -> bool:
        cle = self.model._meta.pk
        # The rows of an editable list come as form-0-id, form-1-id…
        lignes = re.compile(rf"^form-\d+-{re.escape(cle.name)}$")
        valeurs = donnees.getlist(helpers.ACTION_CHECKBOX_NAME)
        valeurs += [valeur for nom in donnees if lignes.match(nom) for valeur in donnees.getlist(nom)]
        return all(_valeur_valide(cle, valeur) for valeur in valeurs)
