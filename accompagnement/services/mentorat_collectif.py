"""Writes of the accompagnement: the mentorat collectif — a coach or a parrain or marraine proposes a session
on a shared problem (1 h to 1 h 30, a few seats) to a promotion's EIG, the EIG of one métier, or its porteurs.

The session is created by `session_creer`, published at once and led by whoever proposed it; people join and
leave it through the sessions' answers (seats, then the waiting list).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import Dispositif, Session
from ..selectors.mentorat_collectif import DISPOSITIF_COLLECTIF, promotions_du_mentorat_collectif
from .sessions import session_creer

# The seeds: 1 h to 1 h 30.
DUREES_MINUTES = (60, 75, 90)
# A session for several people, small enough for everyone to speak.
PLACES_MIN, PLACES_MAX = 2, 15
AUDIENCES = (Session.Audience.EIG, Session.Audience.METIER, Session.Audience.PORTEURS)


@transaction.atomic
def mentorat_collectif_proposer(par, *, promotion, titre, description, debut, duree_minutes, places, audience,
                                expertise=None, lieu="", lien_visio="") -> Session:
    """Publish a mentorat collectif of `promotion` led by `par`, open to `audience` (its EIG, its EIG of the
    métier `expertise`, or its porteurs) with `places` seats."""
    if not promotions_du_mentorat_collectif(par).filter(pk=promotion.pk).exists():
        raise ValidationError("Vous ne pouvez pas proposer de mentorat collectif à cette promotion.")
    erreurs = {}
    if audience not in AUDIENCES:
        erreurs["audience"] = "Un mentorat collectif s'adresse aux EIG, aux EIG d'un métier ou aux porteurs."
    elif audience == Session.Audience.METIER and expertise is None:
        erreurs["expertise"] = "Choisissez le métier dont les EIG sont invités."
    if duree_minutes not in DUREES_MINUTES:
        erreurs["duree_minutes"] = "Un mentorat collectif dure de 1 heure à 1 h 30."
    if places is None or not PLACES_MIN <= places <= PLACES_MAX:
        erreurs["places"] = f"Prévoyez de {PLACES_MIN} à {PLACES_MAX} places."
    if not (lieu or lien_visio):
        erreurs["lieu"] = "Indiquez un lieu ou un lien de visioconférence."
    if debut <= timezone.now():
        erreurs["debut"] = "Proposez une date à venir."
    if erreurs:
        raise ValidationError(erreurs)
    return session_creer(
        promotion=promotion, dispositif=Dispositif.objects.get(slug=DISPOSITIF_COLLECTIF), titre=titre,
        description=description, debut=debut, fin=debut + datetime.timedelta(minutes=duree_minutes), lieu=lieu,
        lien_visio=lien_visio, audience=audience,
        expertise=expertise if audience == Session.Audience.METIER else None, capacite=places,
        facilitateurs=[par], publier=True,
    )
