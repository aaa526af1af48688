"""The coaches' admin of the evaluations: comités (their session follows), supports and rapports with their
history, per-promotion settings. Writes go through the services, so the agenda and deadlines stay right."""

import datetime

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from accompagnement.services.planificateur import avertissement_jour_non_ouvre
from programme.admin import ReserveAuxCoachs
from programme.admin_dates import DateHierarchieBornee
from programme.dates import moments_lisibles

from .models import AtteinteObjectif, Comite, Objectif, PieceJointe, Rapport, ReglagesEvaluation, Support
from .models.supports import OBJECTIFS_MAX
from .services import comites as services_comites


@admin.register(ReglagesEvaluation)
class ReglagesEvaluationAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    list_display = ["promotion", "delai_support_jours"]
    search_fields = ["promotion__nom"]
    list_select_related = ["promotion"]
    autocomplete_fields = ["promotion"]

    def save_model(self, request, obj, form, change):
        services_comites.reglages_modifier(obj)


@admin.register(Comite)
class ComiteAdmin(DateHierarchieBornee, ReserveAuxCoachs, SimpleHistoryAdmin):
    list_display = ["defi", "numero_phase", "debut", "echeance_support", "liste_coachs"]
    list_filter = ["phase__promotion", "phase__numero"]
    search_fields = ["defi__titre", "defi__slug"]
    list_select_related = ["defi", "phase"]
    autocomplete_fields = ["defi"]
    filter_horizontal = ["coachs", "participants"]
    readonly_fields = ["echeance_support", "session"]
    date_hierarchy = "debut"

    def get_queryset(self, request):
        # A comité stored out of the accepted dates before they held could not be shown: it is left out.
        return super().get_queryset(request).filter(moments_lisibles("debut", "debut")).prefetch_related("coachs")

    @admin.display(description="phase", ordering="phase__numero")
    def numero_phase(self, obj):
        return obj.phase.numero

    @admin.display(description="coachs")
    def liste_coachs(self, obj):
        return ", ".join(coach.nom_complet for coach in obj.coachs.all()) or "—"

    def save_model(self, request, obj, form, change):
        delai = services_comites.reglages_de(obj.defi.promotion).delai_support_jours
        obj.echeance_support = obj.debut - datetime.timedelta(days=delai)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        comite = form.instance
        participants = list(comite.participants.all())
        if not change and not participants:
            participants = list(services_comites.equipe_par_defaut(comite.defi))
        # Through the service, so the deadline, the session and its registrations follow the admin's changes.
        services_comites.comite_modifier(
            comite, debut=comite.debut, duree_minutes=comite.duree_minutes, lien_visio=comite.lien_visio,
            coachs=list(comite.coachs.all()), participants=participants,
        )
        avertissement = avertissement_jour_non_ouvre(comite.debut)
        if avertissement:
            self.message_user(request, avertissement, messages.WARNING)

    def delete_model(self, request, obj):
        services_comites.comite_supprimer(obj)

    def delete_queryset(self, request, queryset):
        for comite in queryset:
            services_comites.comite_supprimer(comite)


class ObjectifInline(ReserveAuxCoachs, admin.StackedInline):
    model = Objectif
    extra = 0
    max_num = OBJECTIFS_MAX


class PieceJointeInline(ReserveAuxCoachs, admin.TabularInline):
    model = PieceJointe
    extra = 0
    fields = ["lien", "type", "taille", "ajoutee_par", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="fichier")
    def lien(self, obj):
        if obj.pk is None:  # a row added to a tampered form: no file behind it
            return self.get_empty_value_display()
        comite = obj.support.comite
        url = reverse("piece_jointe", kwargs={"slug": comite.defi.slug, "numero": comite.phase.numero, "pk": obj.pk})
        return format_html('<a href="{}">{}</a>', url, obj.nom)


@admin.register(Support)
class SupportAdmin(ReserveAuxCoachs, SimpleHistoryAdmin):
    list_display = ["comite", "statut", "soumis_le", "en_retard"]
    list_filter = ["statut", "en_retard", "comite__phase__promotion", "comite__phase__numero"]
    search_fields = ["comite__defi__titre"]
    list_select_related = ["comite__defi", "comite__phase"]
    readonly_fields = ["comite", "statut", "soumis_le", "soumis_par", "en_retard"]
    inlines = [ObjectifInline, PieceJointeInline]

    def has_add_permission(self, request, obj=None):
        return False


class AtteinteInline(ReserveAuxCoachs, admin.TabularInline):
    model = AtteinteObjectif
    extra = 0
    raw_id_fields = ["objectif"]


@admin.register(Rapport)
class RapportAdmin(ReserveAuxCoachs, SimpleHistoryAdmin):
    list_display = ["comite", "statut", "orientation", "publie_le"]
    list_filter = ["statut", "orientation", "comite__phase__promotion", "comite__phase__numero"]
    search_fields = ["comite__defi__titre", "synthese"]
    list_select_related = ["comite__defi", "comite__phase"]
    readonly_fields = ["comite", "statut", "publie_le", "publie_par"]
    inlines = [AtteinteInline]

    def has_add_permission(self, request, obj=None):
        return False
