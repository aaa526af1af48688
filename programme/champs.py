"""Form fields every app uses in place of Django's own, where Django lets a hostile value reach the database, and
a select fast enough for hundreds of options."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class ChoixMultiples(forms.ModelMultipleChoiceField):
    """Several rows chosen by id. A value that cannot be an id of its rows (a number beyond the column's range) is
    refused with the field's own message before any query: SQLite cannot compare it and failed with a 500."""

    def _check_values(self, value):
        modele = self.queryset.model._meta
        champ = modele.get_field(self.to_field_name) if self.to_field_name else modele.pk
        for valeur in value:
            try:
                champ.clean(valeur, None)
            except ValidationError:
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                      params={"pk": valeur}) from None
        return super()._check_values(value)


class ListeLongue(forms.Select):
    """A select of hundreds of options (everyone in a month's groups) written in Python: Django's own renders a
    template per option, 50 ms for the 600 members of a 300-EIG promotion. Same markup, flat choices only."""

    def render(self, name, value, attrs=None, renderer=None):
        choisies = {str(valeur) for valeur in self.format_value(value)}
        options = format_html_join("", "<option value=\"{}\"{}>{}</option>", (
            (valeur, mark_safe(" selected") if str(valeur) in choisies else "", libelle)
            for valeur, libelle in self.choices))
        return format_html("<select name=\"{}\"{}>{}</select>", name, flatatt(self.build_attrs(self.attrs, attrs)),
                           options)
