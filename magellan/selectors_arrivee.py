"""The readings of the arrival path and of the charter. A step is done when Magellan sees the action done — never
a box the person ticks:

- the welcome page opened, the personal calendar feed read once (`JalonArrivee`);
- the annuaire card filled: the person chose to show at least one thing of theirs there;
- the séminaire d'intégration (or the porteurs' séminaire) of the promotion: a confirmed registration;
- the coaches met: a cycle of individual mentorat (given by the coaches) booked and not cancelled;
- the first carnet de bord: one written during the promotion;
- the charter: its version in force acknowledged for this promotion.

`parcours_de` (one person) and `parcours_de_la_promotion` (the coaches' dashboard) make a fixed number of queries,
whatever the number of people and steps.
"""

from dataclasses import dataclass, field

from django.urls import reverse

from accompagnement.models import CarnetDeBord, Cycle, Inscription, Session, TypeMentorat
from programme.models import Personne, Promotion, Role

from .models import PUBLICS, Etape, EtapeParcours, JalonArrivee, PriseDeConnaissance, VersionCharte

PAGES = {
    Etape.ACCUEIL: "bienvenue", Etape.ANNUAIRE: "annuaire_profil", Etape.AGENDA: "agenda_abonnement",
    Etape.SEMINAIRE_INTEGRATION: "sessions_a_venir", Etape.SEMINAIRE_PORTEURS: "sessions_a_venir",
    Etape.COACHS: "mentorat", Etape.CARNET: "carnet_ecrire", Etape.CHARTE: "charte",
}
SEMINAIRES = {Etape.SEMINAIRE_INTEGRATION: "seminaire-integration", Etape.SEMINAIRE_PORTEURS: "seminaire-porteurs"}
JALONS = {Etape.ACCUEIL: JalonArrivee.Quoi.ACCUEIL, Etape.AGENDA: JalonArrivee.Quoi.AGENDA}
LIBELLES_PUBLICS = dict(PUBLICS)


@dataclass
class EtapeLue:
    """A step as one person sees it: its label, the page where it is done, and whether it is done."""

    etape: str
    libelle: str
    url: str
    faite: bool


@dataclass
class Parcours:
    """One person's arrival path for one of their roles in a promotion."""

    personne: Personne
    public: str
    etapes: list[EtapeLue] = field(default_factory=list)

    @property
    def public_lu(self) -> str:
        return LIBELLES_PUBLICS[self.public]

    @property
    def faites(self) -> int:
        return sum(etape.faite for etape in self.etapes)

    @property
    def total(self) -> int:
        return len(self.etapes)

    @property
    def fini(self) -> bool:
        return self.faites == self.total

    @property
    def restantes(self) -> list[EtapeLue]:
        return [etape for etape in self.etapes if not etape.faite]

    @property
    def pourcentage(self) -> int:
        return round(100 * self.faites / self.total) if self.total else 100


def charte_en_vigueur() -> VersionCharte | None:
    """The charter's latest version, the one everyone acknowledges."""
    return VersionCharte.objects.order_by("-numero").first()


def prise_de_connaissance_de(personne, version: VersionCharte | None, promotion: Promotion | None):
    """When `personne` acknowledged `version` for `promotion` (None: for the programme, or their first one), or
    None."""
    if version is None:
        return None
    prises = PriseDeConnaissance.objects.filter(personne=personne, version=version)
    if promotion is not None:
        prises = prises.filter(promotion=promotion)
    return prises.order_by("le").first()


def prises_de_connaissance_de(personne):
    """Every acknowledgement of the charter by `personne`, the newest first, with its version and promotion."""
    return PriseDeConnaissance.objects.filter(personne=personne).select_related("version", "promotion")


def etapes_de(promotion: Promotion, publics) -> dict[str, list[EtapeParcours]]:
    """The promotion's active steps for each of `publics`, in order."""
    etapes = {public: [] for public in publics}
    for etape in EtapeParcours.objects.filter(promotion=promotion, public__in=list(publics), active=True):
        etapes[etape.public].append(etape)
    return etapes


def _annuaire_rempli(personne) -> bool:
    return any((personne.annuaire_photo, personne.annuaire_presentation, personne.annuaire_liens,
                personne.annuaire_courriel))


def _faits(personnes: list[Personne], promotion: Promotion, demandees: set[str]) -> dict[int, set[str]]:
    """The steps among `demandees` that each person has done for `promotion`: one query per kind of step."""
    pks = [personne.pk for personne in personnes]
    faits = {pk: set() for pk in pks}
    for personne in personnes:
        if Etape.ANNUAIRE in demandees and _annuaire_rempli(personne):
            faits[personne.pk].add(Etape.ANNUAIRE)
    jalons = {JALONS[etape] for etape in demandees if etape in JALONS}
    if jalons:
        etape_du_jalon = {quoi: etape for etape, quoi in JALONS.items()}
        for pk, quoi in JalonArrivee.objects.filter(personne__in=pks, quoi__in=jalons).values_list("personne", "quoi"):
            faits[pk].add(etape_du_jalon[quoi])
    seminaires = {SEMINAIRES[etape]: etape for etape in demandees if etape in SEMINAIRES}
    if seminaires:
        # The seminars' few sessions are read first: given their numbers, PostgreSQL reads their registrations by
        # their index, where a join let it read every registration of the people (100 ms for 400 newcomers).
        slug_de = dict(Session.objects.filter(promotion=promotion, dispositif__slug__in=list(seminaires))
                       .values_list("pk", "dispositif__slug"))
        for pk, session_id in Inscription.objects.filter(
                session__in=list(slug_de), personne__in=pks, statut=Inscription.Statut.INSCRITE,
        ).values_list("personne", "session"):
            faits[pk].add(seminaires[slug_de[session_id]])
    if Etape.COACHS in demandees:
        for pk in Cycle.objects.filter(demandeur__in=pks, type=TypeMentorat.INDIVIDUEL,
                                       annule_le__isnull=True).values_list("demandeur", flat=True):
            faits[pk].add(Etape.COACHS)
    if Etape.CARNET in demandees:
        carnets = CarnetDeBord.objects.filter(eig__in=pks)
        if promotion.date_debut:
            carnets = carnets.filter(mois__gte=promotion.date_debut.replace(day=1))
        if promotion.date_fin:
            carnets = carnets.filter(mois__lte=promotion.date_fin)
        for pk in carnets.values_list("eig", flat=True):
            faits[pk].add(Etape.CARNET)
    if Etape.CHARTE in demandees:
        for pk in PriseDeConnaissance.objects.filter(
                personne__in=pks, promotion=promotion,
                version=VersionCharte.objects.order_by("-numero").values("pk")[:1]).values_list("personne", flat=True):
            faits[pk].add(Etape.CHARTE)
    return faits


def _parcours(personne, public, etapes, faits, urls) -> Parcours:
    return Parcours(personne, public, [
        EtapeLue(etape.etape, etape.libelle_lu, urls[etape.etape], etape.etape in faits.get(personne.pk, ()))
        for etape in etapes])


def parcours_de(personne, promotion: Promotion, publics) -> list[Parcours]:
    """The person's arrival path in `promotion` for each of their `publics` (role types among PUBLICS) that has
    steps; the caller shows the unfinished ones."""
    publics = [public for public in publics if public in LIBELLES_PUBLICS]
    if not publics:
        return []
    etapes = etapes_de(promotion, publics)
    demandees = {etape.etape for liste in etapes.values() for etape in liste}
    faits = _faits([personne], promotion, demandees) if demandees else {}
    urls = {etape: reverse(PAGES[etape]) for etape in demandees}
    return [_parcours(personne, public, etapes[public], faits, urls) for public in publics if etapes[public]]


def parcours_de_la_promotion(promotion: Promotion) -> list[Parcours]:
    """Each newcomer of `promotion` (its EIG, porteurs and sponsors) with their path, the least advanced first."""
    roles = list(Role.objects.filter(promotion=promotion, type__in=list(LIBELLES_PUBLICS), personne__is_active=True)
                 .select_related("personne").order_by("personne__nom_usage", "personne__prenom", "pk"))
    if not roles:
        return []
    etapes = etapes_de(promotion, LIBELLES_PUBLICS)
    demandees = {etape.etape for liste in etapes.values() for etape in liste}
    personnes = list({role.personne.pk: role.personne for role in roles}.values())
    faits = _faits(personnes, promotion, demandees) if demandees else {}
    urls = {etape: reverse(PAGES[etape]) for etape in demandees}
    parcours = [_parcours(role.personne, role.type, etapes[role.type], faits, urls) for role in roles
                if etapes[role.type]]
    return sorted(parcours, key=lambda p: (p.fini, p.pourcentage))

