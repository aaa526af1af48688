"""The admin: opened to the coaches only (`ReserveAuxCoachs`), everyone else sent to log in by code.

The generic pages of each registered model (list, add, change, delete, history, the short address of an object)
are generated from `admin.site._registry`; what a coach may not do there is said model by model below. The
admin's own pages and the custom actions are listed one by one.
"""

from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django_celery_beat.models import CrontabSchedule, PeriodicTask
from dsfr.models import DsfrConfig

from accompagnement.models import Session
from evaluations.models import ReglagesEvaluation
from programme.factories import ExpertiseFactory, ThemeFactory
from programme.models import Notification, RefusNotification, Role
from programme.notifications import Envoi, notifier
from programme.services import adresse_synchroniser

from .attendus import Entree, coachs_seulement, tous

ADMIN = coachs_seulement(autres=302)


def preparer(monde):
    """One row of each registered model (the other domains made most of them), and an e-mail recorded for the
    défi's EIG; `admin_objets` names, per model, the row its pages show."""
    eig = monde["personnes"]["eig"]
    notification = notifier(Envoi(personne=eig, cle="monde:1", gabarit="programme/emails/invitation",
                                  sujet="Invitation", contexte={"role": None}, lien="http://testserver/"))
    RefusNotification.objects.create(personne=eig, categorie=Notification.Categorie.RAPPEL_CARNET)
    adresse_synchroniser(eig, verifiee=True)
    Group.objects.create(name="Équipe du programme")
    ExpertiseFactory()
    ThemeFactory()
    DsfrConfig.objects.get_or_create(defaults={"site_title": "Magellan"})
    ReglagesEvaluation.objects.get_or_create()
    horaire, _ = CrontabSchedule.objects.get_or_create(minute="0", hour="7")
    PeriodicTask.objects.get_or_create(name="Tâche du monde", defaults={"task": "magellan.essai", "crontab": horaire})
    objets = {}
    for modele in admin.site._registry:
        premier = modele._default_manager.order_by("pk").first()
        assert premier is not None, f"le monde n'a aucune ligne de {modele._meta.label} à montrer dans l'administration"
        objets[modele._meta.label_lower] = premier
    return {"admin_objets": objets, "notification": notification}


# The models whose admin shows each version (django-simple-history).
HISTORISES = ("evaluations.support", "evaluations.rapport", "evaluations.comite", "programme.role",
              "programme.promotion", "accompagnement.heureacceleration", "accompagnement.session",
              "ressources.ressource")
PAGES = {"liste": 200, "ajout": 200, "ajout (envoi)": 200, "fiche": 200, "fiche (envoi)": 200, "suppression": 200,
         "suppression (confirmée)": 302, "historique": 200, "adresse courte": 302}
SANS_AJOUT = {"ajout", "ajout (envoi)"}
LECTURE_SEULE = SANS_AJOUT | {"fiche (envoi)"}
CONSERVE = LECTURE_SEULE | {"suppression", "suppression (confirmée)"}
# The pages of a model that a coach may not use (403): records written by the programme itself, and the models
# other packages register, which no coach role opens.
REFUSEES = {
    # A person leaves through the erasure page (tests/matrice/effacement.py), never by a bare deletion.
    "programme.personne": {"suppression", "suppression (confirmée)"},
    "magellan.effacement": CONSERVE,
    # A published version of the charter is never changed nor deleted (people acknowledged it): a new one is added.
    "magellan.versioncharte": {"fiche (envoi)", "suppression", "suppression (confirmée)"},
    "programme.invitation": LECTURE_SEULE,
    "programme.notification": CONSERVE,
    "programme.refusnotification": CONSERVE,
    "accompagnement.jetonagenda": LECTURE_SEULE,
    "proconnect.lienproconnect": LECTURE_SEULE,
    "accompagnement.groupepartage": SANS_AJOUT,
    "accompagnement.alertemeteo": SANS_AJOUT,
    "accompagnement.dispositif": SANS_AJOUT | {"suppression", "suppression (confirmée)"},
    "evaluations.support": SANS_AJOUT,
    # Registrations are read and their presence marked from their session; who is registered changes there.
    "accompagnement.inscription": SANS_AJOUT | {"suppression", "suppression (confirmée)"},
    "evaluations.rapport": SANS_AJOUT,
    **{label: set(PAGES) - {"adresse courte"} for label in ("auth.group", "account.emailaddress", "dsfr.dsfrconfig")},
}
AUTRES_STATUTS = {
    # The registrations' list is always that of one session: without it, the coach is sent to the sessions.
    ("accompagnement.inscription", "liste"): 302,
    # Presence, the only field written there, may be left empty: the empty form is saved.
    ("accompagnement.inscription", "fiche (envoi)"): 302,
    # An alert's only editable fields (treated on, by) may be left empty: the empty form is saved.
    ("accompagnement.alertemeteo", "fiche (envoi)"): 302,
    # Rows others protect (a promotion's défis, an administration's défis) are not deleted: the page says why.
    ("programme.promotion", "suppression (confirmée)"): 200,
    ("programme.administration", "suppression (confirmée)"): 200,
}


def _generiques():
    entrees = []
    for modele in admin.site._registry:
        label = modele._meta.label_lower
        base = f"/admin/{modele._meta.app_label}/{modele._meta.model_name}/"

        def objet(o, label=label):
            return o["admin_objets"][label].pk

        pages = [
            ("liste", "GET", lambda o, base=base: base, None),
            ("ajout", "GET", lambda o, base=base: f"{base}add/", None),
            ("ajout (envoi)", "POST", lambda o, base=base: f"{base}add/", lambda o: {}),
            ("fiche", "GET", lambda o, base=base, objet=objet: f"{base}{objet(o)}/change/", None),
            ("fiche (envoi)", "POST", lambda o, base=base, objet=objet: f"{base}{objet(o)}/change/", lambda o: {}),
            ("suppression", "GET", lambda o, base=base, objet=objet: f"{base}{objet(o)}/delete/", None),
            ("suppression (confirmée)", "POST", lambda o, base=base, objet=objet: f"{base}{objet(o)}/delete/",
             lambda o: {"post": "yes"}),
            ("historique", "GET", lambda o, base=base, objet=objet: f"{base}{objet(o)}/history/", None),
            ("adresse courte", "GET", lambda o, base=base, objet=objet: f"{base}{objet(o)}/", None),
        ]
        for page, methode, url, donnees in pages:
            attendu = 403 if page in REFUSEES.get(label, ()) else AUTRES_STATUTS.get((label, page), PAGES[page])
            entrees.append(Entree(f"administration : {page} de {label}", url, coachs_seulement(autres=302,
                                  statut=attendu), methode, donnees))
    return entrees


def _action(modele, action, cle):
    base = f"/admin/{modele._meta.app_label}/{modele._meta.model_name}/"
    return Entree(f"administration : action « {action} »", lambda o: base, coachs_seulement(autres=302, statut=302),
                  "POST", lambda o: {"action": action, "_selected_action": [cle(o)]})


ENTREES = [
    Entree("administration", lambda o: "/admin/", ADMIN),
    Entree("administration d'une application", lambda o: "/admin/programme/", ADMIN),
    Entree("administration d'une application inconnue", lambda o: "/admin/inconnue/",
           coachs_seulement(autres=302, statut=404)),
    Entree("réponses de la météo (jamais dans l'administration)", lambda o: "/admin/accompagnement/reponsemeteo/",
           coachs_seulement(autres=302, statut=404)),
    Entree("connexion à l'administration", lambda o: "/admin/login/", tous(302)),
    Entree("déconnexion de l'administration", lambda o: "/admin/logout/", coachs_seulement(autres=302), "POST",
           lambda o: {}),
    Entree("mot de passe de l'administration", lambda o: "/admin/password_change/",
           coachs_seulement(autres=302, statut=404)),
    Entree("mot de passe changé", lambda o: "/admin/password_change/done/", coachs_seulement(autres=302, statut=404)),
    Entree("autocomplétion", lambda o: "/admin/autocomplete/?app_label=programme&model_name=role&field_name=personne",
           ADMIN),
    Entree("traductions du JavaScript", lambda o: "/admin/jsi18n/", ADMIN),
    Entree("journal des modifications", lambda o: "/admin/journal/", ADMIN),
    Entree("journal des modifications d'une personne",
           lambda o: f"/admin/journal/?auteur={o['personnes']['coach'].pk}&du=2020-01-01", ADMIN),
    Entree("administration : inscriptions d'une session",
           lambda o: ("/admin/accompagnement/inscription/?session__id__exact="
                      f"{o['admin_objets']['accompagnement.inscription'].session_id}"),
           ADMIN),
    Entree("voir sur le site", lambda o: f"/admin/r/{ContentType.objects.get_for_model(o['defi']).pk}/{o['defi'].pk}/",
           coachs_seulement(autres=302, statut=302)),
    _action(Session, "publier", lambda o: o["brouillon"].pk),
    _action(Role, "inviter",
            lambda o: o["personnes"]["eig"].roles.get().pk),
    _action(Notification, "renvoyer", lambda o: o["notification"].pk),
    *(Entree(f"administration : une version de {label}",
             lambda o, label=label: (f"/admin/{label.replace('.', '/')}/{o['admin_objets'][label].pk}"
                                     f"/history/{o['admin_objets'][label].history.first().pk}/"),
             ADMIN) for label in HISTORISES),
    *_generiques(),
]
