"""The admin of the accompagnement: the catalogue of dispositifs (the coaches edit its wording there) and the
sessions with their registrations. Changes to a session go through the services, so people are told."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from programme.admin import ReserveAuxCoachs
from programme.admin_dates import DateHierarchieBornee
from programme.dates import moments_lisibles
from ressources.admin import RessourcesDuDispositifInline

from ..crochets import session_enregistree
from ..models import Dispositif, Inscription, Session
from ..services import sessions as services
from ..services.planificateur import avertissement_jour_non_ouvre


@admin.register(Dispositif)
class DispositifAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    list_display = ["nom", "famille", "public", "modalite", "cadence", "frequence", "duree", "ordre"]
    list_editable = ["ordre"]
    list_filter = ["famille", "public", "cadence", "modalite"]
    search_fields = ["nom", "description", "preparation", "suite"]
    readonly_fields = ["slug"]
    fieldsets = [
        (None, {"fields": ["nom", "slug", "famille", "ordre"]}),
        ("Pour qui, comment, quand", {"fields": ["public", "modalite", "cadence", "frequence", "duree",
                                                 "duree_minutes"]}),
        ("Dans les mots des usagers", {"fields": ["description", "preparation", "suite"]}),
    ]
    inlines = [RessourcesDuDispositifInline]

    def has_add_permission(self, request):
        # The seventeen dispositifs come from the programme's referential; the planner relies on their slugs.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InscriptionInline(ReserveAuxCoachs, admin.TabularInline):
    model = Inscription
    extra = 0
    fields = ["personne", "statut", "present", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["personne"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("personne", "session")


@admin.action(description="Publier les sessions en brouillon sélectionnées")
def publier(modeladmin, request, queryset):
    nombre = 0
    for session in queryset.filter(statut=Session.Statut.BROUILLON):
        services.session_publier(session)
        nombre += 1
    modeladmin.message_user(request, f"{nombre} session(s) publiée(s).", messages.SUCCESS)


class SessionAdminForm(forms.ModelForm):
    """The admin's session form refuses what the service would: fewer seats than registered people."""

    class Meta:
        model = Session
        fields = "__all__"

    def clean_capacite(self):
        capacite = self.cleaned_data.get("capacite")
        if self.instance.pk and capacite is not None:
            inscrites = self.instance.inscriptions.filter(statut=Inscription.Statut.INSCRITE).count()
            if capacite < inscrites:
                raise ValidationError(f"{inscrites} personnes sont déjà inscrites : prévoyez au moins "
                                      f"{inscrites} places.")
        return capacite


@admin.register(Session)
class SessionAdmin(DateHierarchieBornee, ReserveAuxCoachs, SimpleHistoryAdmin):
    form = SessionAdminForm
    list_display = ["titre", "dispositif", "promotion", "debut", "statut", "audience", "nombre_inscrites",
                    "capacite"]
    list_filter = ["statut", "dispositif", "promotion", "audience", "phase__numero"]
    search_fields = ["titre", "description", "lieu", "defi__titre"]
    date_hierarchy = "debut"
    list_select_related = ["dispositif", "promotion"]
    autocomplete_fields = ["promotion", "defi", "facilitateurs", "invites"]
    readonly_fields = ["statut", "motif_annulation", "sequence", "phase", "uid", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["dispositif", "promotion", "titre", "description"]}),
        ("Quand et où", {"fields": ["debut", "fin", "lieu", "lien_visio"]}),
        ("Qui", {"fields": ["facilitateurs", "audience", "defi", "expertise", "invites", "capacite"]}),
        ("Suivi", {"fields": ["statut", "motif_annulation", "sequence", "phase", "uid", "created_at",
                              "updated_at"]}),
    ]
    inlines = [InscriptionInline]
    actions = [publier]

    def get_queryset(self, request):
        # A session stored out of the accepted dates before they held could not be shown: it is left out.
        return super().get_queryset(request).filter(moments_lisibles()).annotate(
            _inscrites=Count("inscriptions", filter=Q(inscriptions__statut=Inscription.Statut.INSCRITE))
        )

    @admin.display(description="inscrites", ordering="_inscrites")
    def nombre_inscrites(self, obj):
        return obj._inscrites

    def save_model(self, request, obj, form, change):
        if not change:
            obj.phase = obj.promotion.phase_en_cours(timezone.localdate(obj.debut))
            super().save_model(request, obj, form, change)
            return
        champs = {nom: form.cleaned_data[nom] for nom in form.changed_data if nom not in services.CHAMPS_MULTIPLES}
        services.session_modifier(obj, par=request.user, **champs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if "facilitateurs" in form.changed_data:
            services.session_animateurs_desinscrire(form.instance)
        if not change:
            # A change went through `session_modifier`, which tells the other apps; a new session is told here.
            session_enregistree.send(sender=Session, session=form.instance)
        avertissement = avertissement_jour_non_ouvre(form.instance.debut)
        if avertissement:
            self.message_user(request, avertissement, messages.WARNING)

    def get_readonly_fields(self, request, obj=None):
        if obj and obj.statut == Session.Statut.ANNULEE:
            # A cancelled session is history: people were told, nothing changes any more.
            return [f.name for f in Session._meta.fields if f.name != "id"] + ["facilitateurs", "invites"]
        return self.readonly_fields
