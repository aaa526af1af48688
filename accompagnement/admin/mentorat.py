"""The admin of the accompagnement: mentorat — slots, cycles and their séances, for the coaches."""

from django.contrib import admin
from django.db.models import Count, Exists, OuterRef, Q

from programme.admin import ReserveAuxCoachs
from programme.admin_dates import DateHierarchieBornee
from programme.dates import moments_lisibles

from ..models import Creneau, Cycle, Reservation


@admin.register(Creneau)
class CreneauAdmin(DateHierarchieBornee, ReserveAuxCoachs, admin.ModelAdmin):
    list_display = ["debut", "fin", "mentor", "type", "lieu", "reserve"]
    list_filter = ["type", "debut"]
    search_fields = ["mentor__prenom", "mentor__nom_usage", "mentor__email", "lieu"]
    list_select_related = ["mentor"]
    autocomplete_fields = ["mentor"]
    date_hierarchy = "debut"

    def get_queryset(self, request):
        actives = Reservation.objects.filter(creneau=OuterRef("pk"), annulee_le__isnull=True)
        # A slot stored out of the accepted dates before they held could not be shown: it is left out.
        return super().get_queryset(request).filter(moments_lisibles()).annotate(_reserve=Exists(actives))

    @admin.display(description="réservé", boolean=True, ordering="_reserve")
    def reserve(self, obj):
        return obj._reserve


class ReservationInline(ReserveAuxCoachs, admin.TabularInline):
    model = Reservation
    extra = 0
    fields = ["creneau", "annulee_le", "sequence"]
    readonly_fields = ["sequence"]
    autocomplete_fields = ["creneau"]


class CycleAnnuleFilter(admin.SimpleListFilter):
    title = "état"
    parameter_name = "etat"

    def lookups(self, request, model_admin):
        return [("actif", "Actif"), ("annule", "Annulé")]

    def queryset(self, request, queryset):
        if self.value() == "actif":
            return queryset.filter(annule_le__isnull=True)
        if self.value() == "annule":
            return queryset.filter(annule_le__isnull=False)
        return queryset


@admin.register(Cycle)
class CycleAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    list_display = ["demandeur", "mentor", "type", "created_at", "seances_actives", "annule_le"]
    list_filter = ["type", CycleAnnuleFilter, "created_at"]
    search_fields = ["demandeur__prenom", "demandeur__nom_usage", "mentor__prenom", "mentor__nom_usage", "besoins"]
    list_select_related = ["demandeur", "mentor"]
    autocomplete_fields = ["demandeur", "mentor"]
    readonly_fields = ["created_at"]
    inlines = [ReservationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            _seances_actives=Count("reservations", filter=Q(reservations__annulee_le__isnull=True))
        )

    @admin.display(description="séances actives", ordering="_seances_actives")
    def seances_actives(self, obj):
        return obj._seances_actives
