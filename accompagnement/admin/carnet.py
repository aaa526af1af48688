"""The carnets de bord in the admin, for the coaches only (like everything there): entries and their levels."""

from django.contrib import admin

from programme.admin import ReserveAuxCoachs
from programme.admin_dates import DateHierarchieBornee

from ..models import AutoEvaluation, CarnetDeBord


class AutoEvaluationInline(ReserveAuxCoachs, admin.TabularInline):
    model = AutoEvaluation
    extra = 0
    autocomplete_fields = ["competence"]


@admin.register(CarnetDeBord)
class CarnetDeBordAdmin(DateHierarchieBornee, ReserveAuxCoachs, admin.ModelAdmin):
    list_display = ["eig", "mois", "phase", "updated_at"]
    list_filter = ["phase__promotion", "phase__numero", "mois"]
    search_fields = ["eig__prenom", "eig__nom_usage", "eig__email", "objectifs"]
    list_select_related = ["eig", "phase__promotion"]
    autocomplete_fields = ["eig"]
    date_hierarchy = "mois"
    readonly_fields = ["created_at", "updated_at"]
    inlines = [AutoEvaluationInline]
