"""The export button (CSV or XLSX) of the exported models' admin pages, with the resources of magellan.exports;
imported by magellan/admin.py, once every app has registered its admin."""

from django.contrib import admin
from django.utils.text import capfirst
from import_export.admin import ExportMixin
from import_export.forms import SelectableFieldsExportForm

from programme.rules import est_coach

from .exports import EXPORTS, FORMATS


class FormulaireExport(SelectableFieldsExportForm):
    """Each column to choose named by its French title, as in the file (the package shows the attribute's name)."""

    def _get_field_label(self, resource, field_name: str) -> str:
        champ = resource.fields.get(field_name)
        return capfirst(champ.column_name if champ else field_name)


class ExportReserveAuxCoachs(ExportMixin):
    """Export for coaches only; no import, which would bypass the services' checks."""

    formats = list(FORMATS.values())
    export_form_class = FormulaireExport

    def has_export_permission(self, request):
        return est_coach(request.user)


# Each exported model's admin gains the export button; the météo's answers have no admin at all (never shown there).
for ressource in EXPORTS.values():
    modele = ressource._meta.model
    if admin.site.is_registered(modele):
        classe = type(admin.site.get_model_admin(modele))
        admin.site.unregister(modele)
        admin.site.register(modele, type(classe.__name__, (ExportReserveAuxCoachs, classe),
                                         {"resource_classes": [ressource], "__module__": classe.__module__}))
