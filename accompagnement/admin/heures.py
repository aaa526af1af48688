"""The admin of the accompagnement: heures d'accélération, for the coaches. An entry written here follows the
parrain's rules (the monthly cap, the promotion's dates): the form asks the service and shows its reason."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from programme.admin import ReserveAuxCoachs
from programme.admin_dates import DateHierarchieBornee

from ..models import HeureAcceleration
from ..selectors.heures import duree_en_clair
from ..services import heures as services


class HeureAccelerationAdminForm(forms.ModelForm):
    """Checked by the service the parrain's form goes through; the admin's transaction keeps the parrain's row
    locked from this check to the write."""

    class Meta:
        model = HeureAcceleration
        fields = ["parrain", "defi", "date", "duree_minutes", "sujet"]

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        try:
            services.heure_verifier(self.instance)
        except ValidationError as erreur:
            self.add_error(None, erreur)


@admin.register(HeureAcceleration)
class HeureAccelerationAdmin(DateHierarchieBornee, ReserveAuxCoachs, SimpleHistoryAdmin):
    form = HeureAccelerationAdminForm
    list_display = ["date", "parrain", "defi", "duree", "sujet"]
    list_filter = ["defi__promotion", "date"]
    search_fields = ["parrain__prenom", "parrain__nom_usage", "parrain__email", "defi__titre", "sujet"]
    list_select_related = ["parrain", "defi"]
    autocomplete_fields = ["parrain", "defi"]
    date_hierarchy = "date"

    @admin.display(description="durée", ordering="duree_minutes")
    def duree(self, obj):
        return duree_en_clair(obj.duree_minutes)

    def save_model(self, request, obj, form, change):
        services.heure_enregistrer(obj, par=request.user)
