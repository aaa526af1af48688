"""The writings of the arrival path and of the charter: a promotion's default steps, the actions noted for the
path (welcome page opened, calendar feed read), a new version of the charter, its acknowledgement."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from programme.models import Promotion, Role

from .models import Etape, EtapeParcours, JalonArrivee, PriseDeConnaissance, VersionCharte

# Each newcomer's default steps, in order (DESIGN: the EIG's first weeks; the porteur's séminaire and mentorat;
# the sponsor, who follows the défi from further, the common ones). Coaches change them per promotion.
ETAPES_PAR_DEFAUT = {
    Role.Type.EIG: (Etape.ACCUEIL, Etape.ANNUAIRE, Etape.AGENDA, Etape.SEMINAIRE_INTEGRATION, Etape.COACHS,
                    Etape.CARNET, Etape.CHARTE),
    Role.Type.PORTEUR: (Etape.ACCUEIL, Etape.ANNUAIRE, Etape.AGENDA, Etape.SEMINAIRE_PORTEURS, Etape.COACHS,
                        Etape.CHARTE),
    Role.Type.SPONSOR: (Etape.ACCUEIL, Etape.ANNUAIRE, Etape.AGENDA, Etape.CHARTE),
}
# The gap between two default steps, so that a coach can slip one in between without renumbering.
PAS = 10


def etapes_initialiser(promotion, modele=EtapeParcours) -> int:
    """Give `promotion` the default steps it does not have yet: only missing (public, step) pairs are added, a
    coach's changes are kept. Returns how many were added. The data migration passes its historical model."""
    existantes = set(modele.objects.filter(promotion=promotion).values_list("public", "etape"))
    nouvelles = [modele(promotion=promotion, public=public, etape=etape, ordre=PAS * (rang + 1))
                 for public, etapes in ETAPES_PAR_DEFAUT.items() for rang, etape in enumerate(etapes)
                 if (public, etape) not in existantes]
    modele.objects.bulk_create(nouvelles)
    return len(nouvelles)


def promotion_creee(sender, instance: Promotion, created: bool, raw: bool = False, **kwargs):
    """A new promotion gets its default arrival path (post_save of Promotion, connected by MagellanConfig)."""
    if created and not raw:
        etapes_initialiser(instance)


def jalon_noter(personne, quoi: str, maintenant: datetime.datetime | None = None) -> JalonArrivee:
    """Note that `personne` did `quoi` (JalonArrivee.Quoi), the first time only: a later time keeps the first date."""
    trouve = JalonArrivee.objects.filter(personne=personne, quoi=quoi).first()
    if trouve:
        return trouve
    try:
        with transaction.atomic():
            return JalonArrivee.objects.create(personne=personne, quoi=quoi, le=maintenant or timezone.now())
    except IntegrityError:  # noted at the same moment by another request
        return JalonArrivee.objects.get(personne=personne, quoi=quoi)


def flux_lu(sender, personne, **kwargs):
    """The personal calendar feed was read (accompagnement.crochets.flux_agenda_lu): the agenda step is done."""
    jalon_noter(personne, JalonArrivee.Quoi.AGENDA)


@transaction.atomic
def charte_publier(texte: str, *, changements: str = "", par=None,
                   maintenant: datetime.datetime | None = None) -> VersionCharte:
    """Publish a new version of the charter, numbered after the last one; everyone is then asked to acknowledge it.
    Raises ValidationError (in French) on an empty or too long text."""
    derniere = VersionCharte.objects.select_for_update().order_by("-numero").first()
    version = VersionCharte(numero=(derniere.numero + 1) if derniere else 1, texte=texte.strip(),
                            changements=changements.strip(), par=par, publiee_le=maintenant or timezone.now())
    version.full_clean()
    version.save()
    return version


def promotions_a_engager(personne, jour: datetime.date) -> list[Promotion]:
    """The promotions for which acknowledging the charter now counts: each promotion not over where the person
    holds a role."""
    return list(Promotion.objects.filter(roles__personne=personne).exclude(date_fin__lt=jour).distinct())


@transaction.atomic
def charte_prendre_connaissance(personne, version: VersionCharte,
                                maintenant: datetime.datetime | None = None) -> list[PriseDeConnaissance]:
    """`personne` acknowledges `version` of the charter, for each of their promotions not over (once: a second
    time changes nothing and keeps the first date); outside of any promotion, once for the programme."""
    maintenant = maintenant or timezone.now()
    promotions = promotions_a_engager(personne, timezone.localdate(maintenant)) or [None]
    prises = []
    for promotion in promotions:
        prise, _ = PriseDeConnaissance.objects.get_or_create(
            personne=personne, version=version, promotion=promotion, defaults={"le": maintenant})
        prises.append(prise)
    return prises
