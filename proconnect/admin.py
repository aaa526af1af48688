from django.contrib import admin

from programme.admin import ReserveAuxCoachs

from .models import LienProConnect


@admin.register(LienProConnect)
class LienProConnectAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    """Who is linked to which ProConnect identity. Links are made by the login only; a coach deletes one so that the
    person is linked again at their next ProConnect login (after an address conflict, or a new ProConnect account)."""

    list_display = ["personne", "personne__email", "sub", "lie_le"]
    list_select_related = ["personne"]
    search_fields = ["personne__prenom", "personne__nom_usage", "personne__email", "sub"]
    fields = readonly_fields = ["personne", "sub", "lie_le"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
