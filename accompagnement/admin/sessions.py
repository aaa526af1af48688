"""The admin of the accompagnement: the catalogue of dispositifs (the coaches edit its wording there) and the
sessions with their registrations. Changes to a session go through the services, so people are told."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
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


# The largest number a row of the database can have (a signed 64-bit integer).
PK_MAX = 2**63 - 1


class PersonneAutocomplete(AutocompleteSelect):
    """The autocomplete of a registration's person, which shows the person already read with the registration
    (`libelles`: {pk: label}) instead of asking the database once per row; any other value is looked up."""

    libelles: dict[str, str] | None = None

    def optgroups(self, name, value, attr=None):
        # A typed value that cannot be a row's number (text, beyond the database's integers) is not looked up:
        # the form already says it is not a valid choice.
        value = [v for v in value if str(v).isdigit() and int(str(v)) <= PK_MAX]
        choisies = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if self.libelles is None or not set(choisies) <= self.libelles.keys():
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        options += [self.create_option(name, pk, self.libelles[pk], True, len(options) + rang)
                    for rang, pk in enumerate(choisies[:1])]
        return [(None, options, 0)]


class InscriptionsFormSet(BaseInlineFormSet):
    """Each row's person comes with its registration (select_related): its label is handed to the widget."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        inscription = form.instance
        if inscription.pk and inscription.personne_id:
            champ = form.fields["personne"]
            widget = getattr(champ.widget, "widget", champ.widget)
            widget.libelles = {str(inscription.personne_id): champ.label_from_instance(inscription.personne)}
        return form


class InscriptionInline(ReserveAuxCoachs, admin.TabularInline):
    """A session's registrations: a conférence of a whole promotion has hundreds, read in a fixed number of
    queries whatever their number."""

    model = Inscription
    formset = InscriptionsFormSet
    extra = 0
    fields = ["personne", "statut", "present", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["personne"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("personne", "session")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "personne":
            kwargs["widget"] = PersonneAutocomplete(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# Beyond this many registrations (a conférence of a whole promotion), a session's page lists them no longer in its
# form, whose hundreds of rows no one could read: it links to the list of its registrations, by pages.
INSCRIPTIONS_EN_LIGNE_MAX = 60


@admin.register(Inscription)
class InscriptionAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    """The registrations of one session, by pages: where a session's page sends the coaches when it has more than
    `INSCRIPTIONS_EN_LIGNE_MAX`. Presence is marked here; who is registered changes through the session."""

    list_display = ["personne", "statut", "present", "created_at"]
    list_editable = ["present"]
    list_filter = ["statut", "present"]
    search_fields = ["personne__prenom", "personne__nom_usage", "personne__email"]
    list_select_related = ["personne"]
    list_per_page = 50
    show_full_result_count = False
    readonly_fields = ["session", "personne", "statut", "created_at", "updated_at"]
    fields = ["session", "personne", "statut", "present", "created_at", "updated_at"]

    def get_model_perms(self, request):
        # Not in the admin's index: registrations are read from their session.
        return {}

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # A session or a défi deleted here takes its registrations along (the admin asks this to allow it); a
        # registration alone is never deleted here (`delete_view`, no action, no button).
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        raise PermissionDenied("Une inscription se retire depuis sa session.")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return super().change_view(request, object_id, form_url, {"show_delete": False, **(extra_context or {})})

    def changelist_view(self, request, extra_context=None):
        session_id = request.GET.get("session__id__exact", "")
        session = (Session.objects.filter(moments_lisibles(), pk=int(session_id)).first()
                   if session_id.isdigit() and int(session_id) <= PK_MAX else None)
        if session is None:
            self.message_user(request, "Les inscriptions se lisent depuis la page de leur session.", messages.INFO)
            return HttpResponseRedirect(reverse("admin:accompagnement_session_changelist"))
        return super().changelist_view(request, {"title": f"Inscriptions à « {session.titre} »",
                                                 **(extra_context or {})})


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


def _inscrites(sessions=None):
    """Registered people per session: of the given sessions (a page of the list), or as a sort expression."""
    inscrites = Inscription.objects.filter(statut=Inscription.Statut.INSCRITE).order_by()
    if sessions is None:
        return Coalesce(Subquery(inscrites.filter(session=OuterRef("pk")).values("session")
                                 .annotate(n=Count("pk")).values("n")), Value(0))
    return dict(inscrites.filter(session__in=sessions).values_list("session").annotate(Count("pk")))


class SessionsChangeList(ChangeList):
    """The list counts registrations for the rows of its page only: the page, the counts of the paginator and
    the date hierarchy never join the whole table of registrations."""

    def get_results(self, request):
        super().get_results(request)
        sessions = list(self.result_list)
        comptes = _inscrites(sessions)
        for session in sessions:
            session.nombre_inscrites = comptes.get(session.pk, 0)
        self.result_list = sessions


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
        return super().get_queryset(request).filter(moments_lisibles())

    def get_changelist(self, request, **kwargs):
        return SessionsChangeList

    # Sorting by this column counts every session's registrations: only when a coach asks for it.
    @admin.display(description="inscrites", ordering=_inscrites())
    def nombre_inscrites(self, obj):
        return obj.nombre_inscrites

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
        if not change or "facilitateurs" in form.changed_data:
            # A change went through `session_modifier`, which tells the other apps, but before the admin wrote the
            # facilitators (a comité's coaches follow them); a new session is told here.
            session_enregistree.send(sender=Session, session=form.instance)
        avertissement = avertissement_jour_non_ouvre(form.instance.debut)
        if avertissement:
            self.message_user(request, avertissement, messages.WARNING)

    def get_readonly_fields(self, request, obj=None):
        if obj and obj.statut == Session.Statut.ANNULEE:
            # A cancelled session is history: people were told, nothing changes any more.
            return [f.name for f in Session._meta.fields if f.name != "id"] + ["facilitateurs", "invites",
                                                                              "liste_des_inscriptions"]
        return [*self.readonly_fields, "liste_des_inscriptions"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self._trop_d_inscriptions(obj):
            return fieldsets
        return [*fieldsets, ("Inscriptions", {"fields": ["liste_des_inscriptions"]})]

    def get_inlines(self, request, obj):
        return [] if obj is not None and self._trop_d_inscriptions(obj) else self.inlines

    def _trop_d_inscriptions(self, session) -> bool:
        if not hasattr(session, "_trop_d_inscriptions"):
            session._trop_d_inscriptions = (
                session.inscriptions.order_by().values("pk")[:INSCRIPTIONS_EN_LIGNE_MAX + 1].count()
                > INSCRIPTIONS_EN_LIGNE_MAX)
        return session._trop_d_inscriptions

    @admin.display(description="inscriptions")
    def liste_des_inscriptions(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        inscrites = obj.inscriptions.filter(statut=Inscription.Statut.INSCRITE).count()
        adresse = f"{reverse('admin:accompagnement_inscription_changelist')}?session__id__exact={obj.pk}"
        return format_html('{} inscrites et inscrits. <a href="{}">Lire et pointer les inscriptions, par pages</a>',
                           inscrites, adresse)
