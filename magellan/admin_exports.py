"""The export button (CSV or XLSX) of the exported models' admin pages, with the resources of magellan.exports;
imported by magellan/admin.py, once every app has registered its admin."""

from django.contrib import admin
from import_export.admin import ExportMixin

from programme.rules import est_coach

from .exports import EXPORTS, FORMATS


class ExportReserveAuxCoachs(ExportMixin):
    """Export for coaches only; no import, which would bypass the services' checks."""

    formats = list(FORMATS.values())

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
