"""The coaches' first tool: every programme object, searchable and filterable. The site itself opens to the
people who hold a coach role, and never shows a password form."""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from simple_history.admin import SimpleHistoryAdmin

from . import notifications, services
from .admin_saisies import SaisiesVerifiees
from .forms import PersonneForm
from .models import (
    Administration,
    Competence,
    Domaine,
    Expertise,
    Invitation,
    Notification,
    Personne,
    Phase,
    Promotion,
    RefusNotification,
    Role,
    SuiviCarriere,
    Theme,
)
from .pagination import PaginateurEstime
from .rules import est_coach


def ouverte_aux_coachs(request):
    """The admin opens to whoever `programme.administrer` admits (the coaches), whatever `is_staff` says."""
    return request.user.is_active and request.user.has_perm("programme.administrer")


def connexion(request, extra_context=None):
    """No password form: a visitor logs in by code and comes back; a person who is not a coach is told so."""
    suite = request.GET.get(REDIRECT_FIELD_NAME, "")
    sure = url_has_allowed_host_and_scheme(suite, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    if not sure or urlsplit(suite).path == request.path:
        suite = reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_request_login_code')}?{urlencode({REDIRECT_FIELD_NAME: suite})}")
    if admin.site.has_permission(request):
        return redirect(suite)
    messages.error(request, "L'administration est réservée aux coachs du programme.")
    return redirect("espace")


def sans_mot_de_passe(request, extra_context=None):
    raise Http404("Magellan n'a pas de mot de passe.")


# Set while the admin modules load, before magellan.urls binds the site's views.
admin.site.has_permission = ouverte_aux_coachs
admin.site.login = connexion
admin.site.password_change = admin.site.password_change_done = sans_mot_de_passe


class ReserveAuxCoachs(SaisiesVerifiees):
    """The admin is the coaches' tool: every permission there is the `est_coach` predicate (and, as every admin
    class starts here, tampered ids get a message rather than a server error). A list counts its rows once (no
    second count of the whole table beside a filtered one) and the whole of a long table is estimated."""

    paginator = PaginateurEstime
    show_full_result_count = False

    def has_module_permission(self, request):
        return est_coach(request.user)

    def has_view_permission(self, request, obj=None):
        return est_coach(request.user)

    def has_add_permission(self, request, obj=None):
        return est_coach(request.user)

    def has_change_permission(self, request, obj=None):
        return est_coach(request.user)

    def has_delete_permission(self, request, obj=None):
        return est_coach(request.user)


class RolesFormSet(BaseInlineFormSet):
    """A role the person already holds, or the same role twice in one form, is refused in French before the
    database would refuse it (the constraints' own check leaves the person out in an inline)."""

    def clean(self):
        super().clean()
        vus = set()
        for formulaire in self.forms:
            donnees = getattr(formulaire, "cleaned_data", None)
            if not donnees or donnees.get("DELETE") or not donnees.get("type"):
                continue
            role = Role(personne=self.instance, promotion=donnees.get("promotion"), type=donnees["type"])
            if (role.promotion, role.type) in vus:
                raise ValidationError(f"Le rôle {role} figure deux fois : gardez-en un seul.")
            vus.add((role.promotion, role.type))
            if self.instance.pk and Role.objects.filter(
                personne=self.instance, promotion=role.promotion, type=role.type
            ).exclude(pk=formulaire.instance.pk).exists():
                raise ValidationError(f"{self.instance} a déjà le rôle {role}.")


class RoleInline(ReserveAuxCoachs, admin.TabularInline):
    model = Role
    formset = RolesFormSet
    extra = 0
    autocomplete_fields = ["promotion"]


@admin.register(Personne)
class PersonneAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    """No password and no access flag: the admin opens by the coach role, given in the roles below. A change of
    address is written in the person's history (who, when, the former and the new address)."""

    form = PersonneForm
    ordering = ["nom_usage", "prenom"]
    list_display = ["nom_usage", "prenom", "email", "fonction", "liste_roles", "is_active"]
    list_filter = ["roles__type", "roles__promotion", "expertises", "is_active"]
    search_fields = ["prenom", "nom_usage", "email", "fonction"]
    filter_horizontal = ["expertises"]
    inlines = [RoleInline]
    readonly_fields = ["last_login", "date_joined", "effacer"]
    fieldsets = [
        (None, {"fields": ["email", "prenom", "nom_usage", "slug"]}),
        ("Profil", {"fields": ["fonction", "expertises", "image", "linkedin", "github", "presentation"]}),
        ("Accès", {
            "fields": ["is_active"],
            "description": "On se connecte par un code envoyé à l'adresse électronique. L'administration s'ouvre "
                           "aux personnes qui ont un rôle de coach.",
        }),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "prenom", "nom_usage"]})]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        if request.user.has_perm("programme.effacer_personne", obj):
            return [*self.fieldsets, ("Effacement", {"fields": ["effacer"]})]
        return self.fieldsets

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("roles__promotion")

    def has_delete_permission(self, request, obj=None):
        # A person leaves through the erasure page, which keeps the figures and the trace; never a bare deletion.
        return False

    @admin.display(description="effacer la personne")
    def effacer(self, obj):
        return format_html(
            '<a href="{}">Effacer cette personne</a> : une page dit ce qui sera supprimé et ce qui restera, '
            "sans son nom, avant de confirmer.", reverse("personne_effacer", args=[obj.pk]),
        )

    @admin.display(description="rôles")
    def liste_roles(self, obj):
        return ", ".join(str(role) for role in obj.roles.all())

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "email" in form.changed_data:
            services.adresse_synchroniser(obj)

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        if not add and "email" in form.changed_data:
            libelle = form.fields["email"].label
            detail = f"{libelle} (« {form.initial.get('email') or 'aucune'} » → « {form.instance.email or 'aucune'} »)"
            for partie in message:
                if "changed" in partie and libelle in partie["changed"]["fields"]:
                    partie["changed"]["fields"] = [detail if f == libelle else f for f in partie["changed"]["fields"]]
        return message


class PhaseInline(ReserveAuxCoachs, admin.TabularInline):
    model = Phase
    extra = 0
    max_num = 4
    fields = ["numero", "nom", "devise", "duree_mois", "date_debut", "date_fin"]
    readonly_fields = ["numero"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Promotion)
class PromotionAdmin(ReserveAuxCoachs, SimpleHistoryAdmin):
    list_display = ["nom", "numero", "date_debut", "date_fin", "plafond_heures_acceleration", "nombre_defis"]
    search_fields = ["nom"]
    inlines = [PhaseInline]
    fieldsets = [
        (None, {"fields": ["nom", "numero", "date_debut", "date_fin", "plafond_heures_acceleration"]}),
        ("Météo entrepreneuriale", {
            "fields": ["meteo_jour", "meteo_ancre", "meteo_duree_jours"],
        }),
        ("Groupes de partage", {"fields": ["groupes_taille"]}),
    ]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(_nombre_defis=Count("defis"))

    @admin.display(description="défis", ordering="_nombre_defis")
    def nombre_defis(self, obj):
        return obj._nombre_defis

    def save_model(self, request, obj, form, change):
        date_changee = "date_debut" in form.changed_data
        super().save_model(request, obj, form, change)
        services.phases_creer(obj)
        if date_changee:
            services.promotion_replanifier(obj)

    def get_inlines(self, request, obj):
        return self.inlines if obj else []


@admin.register(Phase)
class PhaseAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    list_display = ["promotion", "numero", "nom", "date_debut", "date_fin"]
    list_filter = ["promotion", "numero"]
    list_select_related = ["promotion"]


@admin.register(Competence)
class CompetenceAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    list_display = ["nom", "phase", "public", "ordre"]
    list_filter = ["phase", "public"]
    search_fields = ["nom"]
    list_editable = ["ordre"]


@admin.register(Administration)
class AdministrationAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    list_display = ["nom", "sigle"]
    search_fields = ["nom", "sigle"]


@admin.register(Expertise)
class ExpertiseAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    search_fields = ["nom"]


@admin.register(Domaine)
class DomaineAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    """The domains of expertise the annuaire groups parrains and marraines by, in the deck's four families."""

    list_display = ["nom", "famille", "ordre"]
    list_filter = ["famille"]
    list_editable = ["ordre"]
    search_fields = ["nom"]


@admin.register(Theme)
class ThemeAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    search_fields = ["nom"]


@admin.action(description="Envoyer une invitation aux personnes sélectionnées")
def inviter(modeladmin, request, queryset):
    envoyees = 0
    for role in queryset.select_related("personne", "promotion"):
        try:
            services.invitation_creer(role.personne, promotion=role.promotion, type_role=role.type, par=request.user)
            envoyees += 1
        except ValidationError as erreur:
            modeladmin.message_user(request, " ".join(erreur.messages), messages.ERROR)
    if envoyees:
        modeladmin.message_user(request, f"{envoyees} invitation(s) envoyée(s).", messages.SUCCESS)


@admin.register(Role)
class RoleAdmin(ReserveAuxCoachs, SimpleHistoryAdmin):
    list_display = ["personne", "type", "promotion", "created_at"]
    list_filter = ["type", "promotion"]
    search_fields = ["personne__prenom", "personne__nom_usage", "personne__email"]
    autocomplete_fields = ["personne", "promotion"]
    list_select_related = ["personne", "promotion"]
    actions = [inviter]


@admin.register(Invitation)
class InvitationAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    """The invitations sent: the role offered, and the role given once the link was followed."""

    list_display = ["personne", "email", "type_role", "promotion", "invitee_par", "created_at", "expire_le",
                    "acceptee_le"]
    list_filter = ["type_role", "promotion"]
    search_fields = ["personne__prenom", "personne__nom_usage", "email"]
    list_select_related = ["personne", "promotion", "invitee_par"]
    readonly_fields = ["personne", "email", "type_role", "promotion", "role", "invitee_par", "created_at",
                       "expire_le", "acceptee_le"]
    exclude = ["jeton_hache"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.action(description="Renvoyer les notifications sélectionnées en échec")
def renvoyer(modeladmin, request, queryset):
    nombre = notifications.notifications_renvoyer(queryset.values_list("pk", flat=True))
    if nombre:
        modeladmin.message_user(request, f"{nombre} notification(s) remise(s) à l'envoi.", messages.SUCCESS)
    else:
        modeladmin.message_user(
            request, "Seules les notifications en échec dont le contenu est encore là se renvoient : il est effacé "
            f"{settings.COURRIELS_EN_ECHEC_JOURS} jours après le dernier essai, car il peut porter un lien personnel. "
            "Refaites l'action qui l'envoyait (une nouvelle invitation, par exemple).", messages.WARNING,
        )


@admin.register(Notification)
class NotificationAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    """What Magellan sent or tries to send: read only; a failed e-mail can be sent again."""

    list_display = ["sujet", "adresse", "categorie", "statut", "tentatives", "created_at", "envoyee_le"]
    list_filter = ["statut", "categorie"]
    search_fields = ["adresse", "cle", "sujet"]
    # The body stays out of sight: until it leaves, it may hold a personal link (invitation, météo).
    fields = ["cle", "destinataire", "adresse", "categorie", "sujet", "statut", "tentatives", "derniere_erreur",
              "created_at", "envoyee_le"]
    readonly_fields = fields
    actions = [renvoyer]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RefusNotification)
class RefusNotificationAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    """The reminders people declined, as they chose them on their preferences page."""

    list_display = ["personne", "categorie"]
    list_filter = ["categorie"]
    search_fields = ["personne__prenom", "personne__nom_usage", "personne__email"]
    list_select_related = ["personne"]
    readonly_fields = ["personne", "categorie"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SuiviCarriere)
class SuiviCarriereAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    """What coaches learn of each EIG's career after their promotion, for the budget indicator."""

    list_display = ["role__personne", "role__promotion", "dans_la_fonction_publique", "constate_le"]
    list_filter = ["dans_la_fonction_publique", "role__promotion"]
    search_fields = ["role__personne__prenom", "role__personne__nom_usage", "role__personne__email"]
    autocomplete_fields = ["role"]
    list_select_related = ["role__personne", "role__promotion"]
