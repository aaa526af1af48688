"""The agenda's measure: the month, the list and the iCalendar feed of a person registered to 500 sessions.

Noise around her: 300 other people, 5,000 other sessions with their registrations, and mentorat cycles,
so that the queries have to pick her events out of a full table, as in production.
"""

import datetime
import itertools
import random

from django.test import Client
from django.utils import timezone

from accompagnement.models import Creneau, Cycle, Dispositif, Inscription, Reservation, Session, TypeMentorat
from accompagnement.services.agenda import jeton_agenda_creer
from bench.outils import chronometrer, mesure, nombre_fr
from programme.factories import CoachFactory, EIGFactory, PromotionFactory
from programme.models import Personne

SESSIONS_DE_LA_PERSONNE = 500
AUTRES_PERSONNES = 300
AUTRES_SESSIONS = 5000
INSCRIPTIONS_PAR_AUTRE_SESSION = 8
HEURES = [datetime.time(9), datetime.time(11), datetime.time(14), datetime.time(14, 30), datetime.time(17)]


def _sessions(promotion, dispositifs, nombre, debut, jours, hasard):
    """`nombre` published sessions (one in twenty cancelled) spread over `jours` days from `debut`."""
    sessions = []
    for n in range(nombre):
        dispositif = hasard.choice(dispositifs)
        jour = debut + datetime.timedelta(days=hasard.randrange(jours))
        commence = timezone.make_aware(datetime.datetime.combine(jour, hasard.choice(HEURES)))
        annulee = n % 20 == 0
        sessions.append(Session(
            dispositif=dispositif, promotion=promotion, titre=f"{dispositif.nom} n° {n}",
            description="Une session pour mesurer l'agenda.", lieu="DINUM, 20 avenue de Ségur, Paris 7e",
            debut=commence, fin=commence + datetime.timedelta(minutes=min(dispositif.duree_minutes, 240)),
            statut=Session.Statut.ANNULEE if annulee else Session.Statut.PUBLIEE,
            motif_annulation="Salle indisponible." if annulee else "", sequence=n % 3,
        ))
    return Session.objects.bulk_create(sessions, batch_size=500)


def _donnees():
    """The person with 500 sessions (and a cycle of mentorat), her feed's secret, and the noise."""
    hasard = random.Random(2026)
    promotion = PromotionFactory(nom="Promotion du banc", numero=99)
    dispositifs = list(Dispositif.objects.all())
    personne = EIGFactory(promotion=promotion, prenom="Camille", nom_usage="Maximale")
    coach = CoachFactory(promotion=promotion)
    autres = Personne.objects.bulk_create(
        Personne(email=f"bruit{n}@exemple.test", prenom="Bruit", nom_usage=str(n), password="!")
        for n in range(AUTRES_PERSONNES)
    )
    aujourdhui = timezone.localdate()
    # Her sessions span the feed's window: three months back, twelve ahead.
    siennes = _sessions(promotion, dispositifs, SESSIONS_DE_LA_PERSONNE, aujourdhui - datetime.timedelta(days=92),
                        457, hasard)
    Inscription.objects.bulk_create(
        Inscription(session=s, personne=personne,
                    statut=Inscription.Statut.ATTENTE if n % 10 == 0 else Inscription.Statut.INSCRITE)
        for n, s in enumerate(siennes)
    )
    bruit = _sessions(promotion, dispositifs, AUTRES_SESSIONS, aujourdhui - datetime.timedelta(days=365), 730, hasard)
    Inscription.objects.bulk_create(
        (Inscription(session=s, personne=p)
         for s in itertools.chain(bruit, siennes) for p in hasard.sample(autres, INSCRIPTIONS_PAR_AUTRE_SESSION)),
        batch_size=2000,
    )
    for semaine, demandeur in enumerate([personne, *autres[:20]]):
        cycle = Cycle.objects.create(demandeur=demandeur, mentor=coach, type=TypeMentorat.INDIVIDUEL, besoins="…")
        for n in range(4):
            commence = timezone.make_aware(datetime.datetime.combine(
                aujourdhui + datetime.timedelta(weeks=semaine + n), datetime.time(8 + semaine % 10)))
            creneau = Creneau.objects.create(mentor=coach, type=TypeMentorat.INDIVIDUEL, debut=commence,
                                             fin=commence + datetime.timedelta(hours=1))
            Reservation.objects.create(cycle=cycle, creneau=creneau)
    return personne, jeton_agenda_creer(personne)


@mesure("agenda")
def agenda(repetitions):
    """The personal agenda of the « cas maximal »: month, list, feed."""
    personne, jeton = _donnees()
    ce_mois = Session.objects.filter(inscriptions__personne=personne,
                                     debut__month=timezone.localdate().month,
                                     debut__year=timezone.localdate().year).count()
    yield (f"Données : une personne inscrite à {SESSIONS_DE_LA_PERSONNE} sessions (dont {ce_mois} ce mois-ci) "
           f"et à un cycle de mentorat ; {nombre_fr(AUTRES_SESSIONS)} autres sessions, "
           f"{nombre_fr(Inscription.objects.count())} inscriptions, {AUTRES_PERSONNES} autres personnes.")
    client = Client()
    client.force_login(personne)
    yield chronometrer(client, "agenda (mois)", "/agenda/", repetitions)
    yield chronometrer(client, "agenda (liste à venir)", "/agenda/liste/", repetitions)
    yield chronometrer(Client(), "flux iCalendar (.ics)", f"/agenda/{jeton}.ics", repetitions)
