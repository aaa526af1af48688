"""The issue's promise: running every scheduled task twice in a row sends each e-mail once.

A promotion on a day when every task has work (a Friday 20th at 12:05, Paris): a météo round opens, next month's
groups are composed, a support is due in 7 days, a session starts this afternoon, no carnet is written, and a
parrain logged hours last month. Each scheduled task runs, then each runs again, through Celery itself."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from accompagnement.factories import HeureAccelerationFactory, InscriptionFactory, SessionFactory
from accompagnement.models import Session
from defis.factories import DefiFactory, MembreEquipeFactory
from defis.models import MembreEquipe
from evaluations.factories import ComiteFactory
from magellan.celery import app as celery_app
from magellan.planning import taches
from programme.factories import CoachFactory, ExpertiseFactory, ParrainFactory, PromotionFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
MOMENT = datetime.datetime(2026, 11, 20, 12, 5, tzinfo=PARIS)


@pytest.fixture
def promotion_en_activite():
    with time_machine.travel(MOMENT, tick=False):
        promotion = PromotionFactory(meteo_jour=4, meteo_ancre=MOMENT.date())
        coach = CoachFactory(promotion=promotion)
        metiers = [ExpertiseFactory(nom="Développement"), ExpertiseFactory(nom="Design")]
        defis = [DefiFactory(promotion=promotion) for _ in range(4)]
        eig = []
        for rang, defi in enumerate(defis):
            for position in range(2):
                membre = MembreEquipeFactory(defi=defi)
                membre.personne.expertises.add(metiers[position])
                eig.append(membre.personne)
            MembreEquipeFactory(defi=defi, role=MembreEquipe.Role.PORTEUR)
        parrain = ParrainFactory(promotion=promotion)
        HeureAccelerationFactory(defi=defis[0], parrain=parrain, date=datetime.date(2026, 10, 14), duree_minutes=90)
        ComiteFactory(defi=defis[0], debut=MOMENT + datetime.timedelta(days=14), coachs=[coach])
        session = SessionFactory(promotion=promotion, statut=Session.Statut.PUBLIEE, titre="Atelier de design",
                                 debut=MOMENT + datetime.timedelta(hours=3), fin=MOMENT + datetime.timedelta(hours=5))
        InscriptionFactory(session=session, personne=eig[0])
    return promotion


def _tout_lancer(django_capture_on_commit_callbacks):
    for _nom, tache, *_ in taches():
        with django_capture_on_commit_callbacks(execute=True):
            celery_app.tasks[tache].apply(throw=True)


def test_chaque_tache_lancee_deux_fois_n_envoie_chaque_courriel_qu_une_fois(
    promotion_en_activite, django_capture_on_commit_callbacks
):
    """First pass: the météo invitations, the groups to review, the support and session reminders, the carnet
    reminders and the hours summary leave; second pass: nothing more, and no one got the same e-mail twice."""
    celery_app.loader.import_default_modules()
    with time_machine.travel(MOMENT, tick=False):
        _tout_lancer(django_capture_on_commit_callbacks)
        premiers = [(m.to[0], m.subject) for m in mail.outbox]
        _tout_lancer(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == len(premiers)
    assert len(set(premiers)) == len(premiers)
    sujets = " | ".join(sujet for _a, sujet in premiers).lower()
    for attendu in ("météo", "groupes", "support", "atelier de design", "carnet", "heures"):
        assert attendu in sujets, f"aucun courriel « {attendu} » au premier passage : {sujets}"
