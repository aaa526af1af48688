"""The admin of the accompagnement: agenda.

The feed secrets, for a coach to see who subscribed and to revoke a link (deleting it): the hash is never
shown and no secret is made here, since only its owner may read it, once, on their subscription page.
"""

from django.contrib import admin

from programme.admin import ReserveAuxCoachs
from programme.admin_dates import DateHierarchieBornee

from ..models import JetonAgenda


@admin.register(JetonAgenda)
class JetonAgendaAdmin(DateHierarchieBornee, ReserveAuxCoachs, admin.ModelAdmin):
    list_display = ["personne", "personne__email", "cree_le"]
    list_select_related = ["personne"]
    search_fields = ["personne__prenom", "personne__nom_usage", "personne__email"]
    list_filter = ["created_at"]
    date_hierarchy = "created_at"
    fields = ["personne", "cree_le"]
    readonly_fields = ["personne", "cree_le"]

    @admin.display(description="créé ou régénéré le", ordering="created_at")
    def cree_le(self, obj):
        return obj.created_at

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
