"""The admin of the accompagnement: heures d'accélération, for the coaches."""

from django.contrib import admin

from programme.admin import ReserveAuxCoachs

from ..models import HeureAcceleration
from ..selectors.heures import duree_en_clair


@admin.register(HeureAcceleration)
class HeureAccelerationAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    list_display = ["date", "parrain", "defi", "duree", "sujet"]
    list_filter = ["defi__promotion", "date"]
    search_fields = ["parrain__prenom", "parrain__nom_usage", "parrain__email", "defi__titre", "sujet"]
    list_select_related = ["parrain", "defi"]
    autocomplete_fields = ["parrain", "defi"]
    date_hierarchy = "date"

    @admin.display(description="durée", ordering="duree_minutes")
    def duree(self, obj):
        return duree_en_clair(obj.duree_minutes)
