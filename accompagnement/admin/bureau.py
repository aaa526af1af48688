"""The bureau d'aide in the admin: every request, searchable, filtered by status, nature and promotion.

The triage itself (and its e-mails) happens on the coaches' pages; the admin corrects a record.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from programme.admin import ReserveAuxCoachs
from programme.admin_dates import DateHierarchieBornee
from programme.conservation import documents_supprimes

from ..models import DemandeAide
from ..selectors.bureau import attente_en_clair


@admin.register(DemandeAide)
class DemandeAideAdmin(DateHierarchieBornee, ReserveAuxCoachs, admin.ModelAdmin):
    list_display = ["nature", "defi", "demandeur", "statut", "coach", "created_at", "attente"]
    list_filter = ["statut", "nature", "defi__promotion"]
    search_fields = ["description", "defi__titre", "demandeur__prenom", "demandeur__nom_usage", "coach__nom_usage"]
    list_select_related = ["defi", "demandeur", "coach"]
    autocomplete_fields = ["defi", "demandeur", "coach"]
    date_hierarchy = "created_at"
    fields = ["defi", "demandeur", "nature", "description", "lien_document", "statut", "coach", "seances",
              "resultat", "created_at", "prise_en_charge_le", "close_le"]
    readonly_fields = ["lien_document", "seances", "created_at", "prise_en_charge_le", "close_le"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("sessions")

    @admin.display(description="attente")
    def attente(self, obj):
        return attente_en_clair((obj.prise_en_charge_le or timezone.now()) - obj.created_at)

    @admin.display(description="document")
    def lien_document(self, obj):
        if not obj.pk or not obj.document:
            return "—"
        if documents_supprimes(obj.defi.promotion):
            return "Supprimé à la fin de sa durée de conservation"
        return format_html('<a href="{}">Télécharger</a>', reverse("bureau_aide_document", kwargs={"pk": obj.pk}))

    @admin.display(description="séances")
    def seances(self, obj):
        if not obj.pk:
            return "—"
        return format_html_join(", ", "{}", (
            (f"{timezone.localtime(s.debut):%d/%m/%Y %H:%M}",) for s in obj.sessions.all())) or "—"
