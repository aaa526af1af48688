"""Exports for coaches, in CSV and XLSX (django-import-export): the base every app's resources share, and the
people with their roles.

A resource is defined once, in its app's `exports.py`; the admin's export button and the one-click export of a
promotion (`/coachs/exports/<nom>.<csv|xlsx>`, magellan/exports.py) both use it. One row per record, French
column names, dates and moments in ISO 8601 (moments in Paris time, with their offset), in both formats.
"""

import datetime
import io

import openpyxl
from django.db.models import QuerySet
from django.utils import timezone
from import_export import fields, resources, widgets
from import_export.formats.base_formats import CSV, XLSX
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .models import Role


class DateIso(widgets.Widget):
    """A date or a moment in ISO 8601, as text in CSV and XLSX alike (a spreadsheet would otherwise show its own
    format); a moment in Paris time with its offset."""

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).isoformat(timespec="seconds")
        return value.isoformat()


class MoisIso(widgets.Widget):
    """A month (stored as its first day) in ISO 8601: 2026-03."""

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%Y-%m") if value else ""


class Nombre(widgets.Widget):
    """A count or a duration: a number in XLSX, written without a thousands separator in CSV."""

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value


class OuiNon(widgets.Widget):
    def render(self, value, obj=None, **kwargs):
        return "" if value is None else ("oui" if value else "non")


# What a spreadsheet would compute rather than show, at the start of a text cell (OWASP's « CSV injection »).
DEBUTS_DE_FORMULE = ("=", "+", "-", "@", "\t", "\r")


class CSVSansFormule(CSV):
    """CSV where a text typed as « =1+1 » starts with an apostrophe, so that a spreadsheet shows it instead of
    computing it."""

    def export_data(self, dataset, **kwargs):
        sur = dataset.__class__(headers=dataset.headers)
        for ligne in dataset:
            sur.append([f"'{v}" if isinstance(v, str) and v.startswith(DEBUTS_DE_FORMULE) else v for v in ligne])
        return super().export_data(sur, **kwargs)


class XLSXSansFormule(XLSX):
    """XLSX whose text cells stay text (a value typed as « =1+1 » is shown as typed, never computed), without the
    control characters the format refuses."""

    def export_data(self, dataset, **kwargs):
        classeur = openpyxl.Workbook()
        feuille = classeur.active
        feuille.title = "Export"
        feuille.append(list(dataset.headers))
        for ligne in dataset:
            feuille.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in ligne])
        for rangee in feuille.iter_rows():
            for cellule in rangee:
                if cellule.data_type == "f":
                    cellule.data_type = "s"
        flux = io.BytesIO()
        classeur.save(flux)
        return flux.getvalue()


FORMATS = {"csv": CSVSansFormule, "xlsx": XLSXSansFormule}


def colonne(attribut, nom, widget=None):
    """One exported column: the attribute it reads (`a__b` follows relations) and its French name."""
    return fields.Field(attribute=attribut, column_name=nom, widget=widget, readonly=True)


class RessourceExport(resources.ModelResource):
    """Export only: every column is read-only, and no admin offers an import (it would bypass the services'
    checks). `preparer` adds what the rows need (select_related, prefetch, counts) so that an export's number
    of queries does not grow with its rows. Each export also defines the class method `pour_promotion(promotion)`:
the records of that promotion, which the one-click export reads."""

    class Meta:
        chunk_size = 2000

    def preparer(self, queryset: QuerySet) -> QuerySet:
        return queryset

    def filter_export(self, queryset, **kwargs):
        return self.preparer(queryset)

    def export_resource(self, instance, selected_fields=None, **kwargs):
        # The columns and how each is read are found once per export, not once per row (8,000 sessions a promotion).
        cle = tuple(selected_fields or ())
        if getattr(self, "_lecteurs_de", None) != cle:
            self._lecteurs = [self._lecteur(champ) for champ in self.get_export_fields(selected_fields)]
            self._lecteurs_de = cle
        return [lire(instance, **kwargs) for lire in self._lecteurs]

    def _lecteur(self, champ):
        """What `export_field` would call for this column: its `dehydrate_` method, or the field's own export."""
        methode = champ.get_dehydrate_method(self.get_field_name(champ))
        methode = methode if callable(methode) else getattr(self, methode, None)
        if methode is None:
            return champ.export
        return lambda instance, **kwargs: methode(instance)

    def iter_queryset(self, queryset):
        # Django's iterator runs the prefetches chunk by chunk (chunk_size rows at a time), where
        # import-export's own paging would run one query more per hundred rows.
        yield from queryset.iterator(chunk_size=self.get_chunk_size())


class RoleResource(RessourceExport):
    """People and their roles: one row per role."""

    prenom = colonne("personne__prenom", "prénom")
    nom = colonne("personne__nom_usage", "nom")
    courriel = colonne("personne__email", "courriel")
    fonction = colonne("personne__fonction", "fonction")
    role = colonne("type", "rôle")
    promotion = colonne("promotion__nom", "promotion")
    depuis = colonne("created_at", "rôle depuis le", DateIso())

    class Meta(RessourceExport.Meta):
        model = Role
        name = "Personnes et rôles"
        fields = ("prenom", "nom", "courriel", "fonction", "role", "promotion", "depuis")
        export_order = fields

    def dehydrate_role(self, role):
        return role.get_type_display()

    def preparer(self, queryset):
        return queryset.select_related("personne", "promotion")

    @classmethod
    def pour_promotion(cls, promotion):
        return Role.objects.filter(promotion=promotion).order_by("type", "personne__nom_usage", "personne__prenom")
