"""The groupes de partage in the admin, for the coaches only: each group with its members (moves and publication
are done on the coaches' preview page, which keeps sessions and invitations in step)."""

from django.contrib import admin

from programme.admin import ReserveAuxCoachs
from programme.admin_dates import DateHierarchieBornee

from ..models import GroupePartage, MembreGroupe


class MembreGroupeInline(ReserveAuxCoachs, admin.TabularInline):
    model = MembreGroupe
    extra = 0
    fields = ["personne"]
    readonly_fields = ["personne"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(GroupePartage)
class GroupePartageAdmin(DateHierarchieBornee, ReserveAuxCoachs, admin.ModelAdmin):
    list_display = ["__str__", "promotion", "mois", "type", "expertise", "presentateur", "publie_le"]
    list_filter = ["promotion", "type", "mois"]
    list_select_related = ["promotion", "expertise", "presentateur"]
    search_fields = ["sujet", "sujet_suivant", "membres__prenom", "membres__nom_usage"]
    date_hierarchy = "mois"
    fields = ["promotion", "mois", "type", "numero", "expertise", "session", "presentateur", "sujet",
              "sujet_suivant", "publie_le"]
    # Groups come from the composition: only their topics are edited here.
    readonly_fields = ["promotion", "mois", "type", "numero", "expertise", "session", "presentateur", "publie_le"]
    inlines = [MembreGroupeInline]

    def has_add_permission(self, request):
        return False
