"""Reads of the accompagnement: the mentorat collectif — one session for several EIG or porteurs on a shared
problem, proposed by a coach or a parrain or marraine, joined by the people it is open to.

Its sessions are ordinary sessions of the « mentorat collectif » dispositif: the seats, the waiting list and the
answers are the sessions' own.
"""

from django.db.models import Q, QuerySet
from django.utils import timezone

from programme.dates import moments_lisibles
from programme.models import Promotion, Role
from programme.rules import est_coach

from ..models import Session
from .mentorat import DISPOSITIFS_MENTORAT
from .sessions import sessions_ouvertes_pour

DISPOSITIF_COLLECTIF = DISPOSITIFS_MENTORAT["collectif"]


def promotions_du_mentorat_collectif(personne) -> QuerySet[Promotion]:
    """The promotions not over a person may propose a mentorat collectif to: every one for a coach or a parrain
    of the whole programme, the promotions of their parrain or marraine role otherwise."""
    promotions = (Promotion.objects.filter(Q(date_fin__isnull=True) | Q(date_fin__gte=timezone.localdate()))
                  .order_by("-date_debut", "pk"))
    if est_coach(personne):
        return promotions
    roles = Role.objects.filter(personne=personne, type=Role.Type.PARRAIN)
    if roles.filter(promotion__isnull=True).exists():
        return promotions
    return promotions.filter(pk__in=roles.values("promotion_id"))


def mentorats_collectifs_ouverts_pour(personne) -> QuerySet[Session]:
    """The mentorats collectifs to come a person may join (not those they lead), soonest first, each with the
    person's own answer in `mes_inscriptions`; the page shown gets its counts from `comptes_ajouter`."""
    return sessions_ouvertes_pour(personne).filter(dispositif__slug=DISPOSITIF_COLLECTIF)


def mentorats_collectifs_animes_par(personne) -> QuerySet[Session]:
    """The published mentorats collectifs a person leads that are not over, soonest first; the page shown gets its
    counts from `comptes_ajouter`."""
    return (
        Session.objects.filter(moments_lisibles(), dispositif__slug=DISPOSITIF_COLLECTIF, facilitateurs=personne,
                               statut=Session.Statut.PUBLIEE, fin__gt=timezone.now())
        .select_related("dispositif", "promotion", "expertise")
        .order_by("debut", "pk")
    )
