"""Reads of the bureau d'aide: a team's requests, one request's page, the coaches' queue with waiting times."""

from django.core.paginator import Page
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Prefetch,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from defis.models import Defi, MembreEquipe
from programme.models import Personne, Role
from programme.pagination import page_lue

from ..models import DemandeAide, Session
from ..rules.bureau import ROLES_DEMANDEURS

DEMANDES_PAR_PAGE = 50
ORDRE_DES_STATUTS = Case(
    *(When(statut=statut, then=Value(rang)) for rang, statut in enumerate(DemandeAide.Statut.values)),
    output_field=IntegerField(),
)


def _seances():
    return Prefetch("sessions", queryset=Session.objects.order_by("debut"))


def demandes_de_l_equipe(personne) -> QuerySet[DemandeAide]:
    """The requests of every défi the person is a member of, newest first, with coach and séances."""
    return (
        DemandeAide.objects.filter(defi_id__in=MembreEquipe.objects.filter(personne=personne).values("defi_id"))
        .select_related("defi", "demandeur", "coach")
        .prefetch_related(_seances())
        .order_by("-created_at")
    )


def demande_detail(pk) -> DemandeAide | None:
    """One request with what its page shows: défi and promotion, people, séances."""
    return (
        DemandeAide.objects.select_related("defi__promotion", "demandeur", "coach")
        .prefetch_related(_seances())
        .filter(pk=pk)
        .first()
    )


def defis_pour_demander(personne) -> QuerySet[Defi]:
    """The défis on which the person may file a request: those where they are EIG or porteur."""
    return (
        Defi.objects.filter(membres__personne=personne, membres__role__in=ROLES_DEMANDEURS)
        .select_related("promotion").distinct().order_by("-promotion__numero", "titre")
    )


def coachs() -> QuerySet[Personne]:
    """Everyone who coaches in some promotion or in the whole programme, to take a request."""
    return Personne.objects.filter(roles__type=Role.Type.COACH, is_active=True).distinct().order_by(
        "nom_usage", "prenom")


def attente_en_clair(duree) -> str:
    """A waiting time in days and hours, in French: « 2 jours et 5 heures », « moins d'une heure »."""
    heures = int(duree.total_seconds() // 3600)
    jours, heures = divmod(heures, 24)
    morceaux = []
    if jours:
        morceaux.append(f"{jours} jour{'s' if jours > 1 else ''}")
    if heures:
        morceaux.append(f"{heures} heure{'s' if heures > 1 else ''}")
    return " et ".join(morceaux) or "moins d'une heure"


def file_bureau_aide(*, statut="", nature="", promotion=None, maintenant=None) -> QuerySet[DemandeAide]:
    """The coaches' queue: the requests still open (or of `statut`, "toutes" for all), new ones first, then the
    oldest; each annotated with `attente` (from its creation to its prise en charge, or to now) and its séances."""
    maintenant = maintenant or timezone.now()
    demandes = DemandeAide.objects.all()
    if not statut:
        demandes = demandes.exclude(statut=DemandeAide.Statut.CLOSE)
    elif statut != "toutes":
        demandes = demandes.filter(statut=statut)
    if nature:
        demandes = demandes.filter(nature=nature)
    if promotion:
        demandes = demandes.filter(defi__promotion=promotion)
    fin_attente = Coalesce("prise_en_charge_le", Value(maintenant, output_field=DateTimeField()))
    return (
        demandes.select_related("defi__promotion", "demandeur", "coach")
        .annotate(
            attente=ExpressionWrapper(fin_attente - F("created_at"), output_field=DurationField()),
            nombre_seances=Count("sessions"),
            rang_statut=ORDRE_DES_STATUTS,
        )
        .order_by("rang_statut", "created_at")
    )


def file_bureau_aide_page(numero, **filtres) -> Page:
    """A page of the queue, each request with `attente_en_clair` for display."""
    page = page_lue(numero, file_bureau_aide(**filtres), DEMANDES_PAR_PAGE)
    page.object_list = list(page.object_list)
    for demande in page.object_list:
        demande.attente_en_clair = attente_en_clair(demande.attente)
    return page
