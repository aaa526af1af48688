"""The météo in the admin, for the coaches only (like everything there): rounds and alerts. Answers are not
listed here; the coaches read them on their météo pages."""

from django.contrib import admin

from programme.admin import ReserveAuxCoachs
from programme.admin_dates import DateHierarchieBornee

from ..models import AlerteMeteo, VagueMeteo


@admin.register(VagueMeteo)
class VagueMeteoAdmin(DateHierarchieBornee, ReserveAuxCoachs, admin.ModelAdmin):
    list_display = ["date", "promotion", "ouverte_le", "fermee_le", "relancee_le", "cloturee_le"]
    list_filter = ["promotion"]
    list_select_related = ["promotion"]
    date_hierarchy = "date"
    readonly_fields = ["relancee_le", "cloturee_le"]


@admin.register(AlerteMeteo)
class AlerteMeteoAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    list_display = ["reponse", "motif", "created_at", "traitee_le", "traitee_par"]
    list_filter = ["motif", "reponse__vague__promotion", ("traitee_le", admin.EmptyFieldListFilter)]
    list_select_related = ["reponse__eig", "reponse__vague__promotion", "traitee_par"]
    search_fields = ["reponse__eig__prenom", "reponse__eig__nom_usage", "reponse__eig__email"]
    fields = ["reponse", "motif", "created_at", "traitee_le", "traitee_par"]
    readonly_fields = ["reponse", "motif", "created_at"]
    autocomplete_fields = ["traitee_par"]

    def has_add_permission(self, request):
        # An alert is raised by an answer (services.meteo); typed in by hand, it would have none.
        return False
