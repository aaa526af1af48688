"""The météo under concurrency, on PostgreSQL: a personal link answers once and two simultaneous daily runs open
one round and send each invitation once."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from accompagnement.models import AlerteMeteo, ReponseMeteo, VagueMeteo
from accompagnement.services.meteo import DejaRepondu, meteo_repondre, meteo_tour
from programme.factories import CoachFactory, EIGFactory
from programme.models import Notification

from .outils_meteo import VagueMeteoFactory, a_paris, promotion_2026, reponse

SIMULTANES = 6


def _en_meme_temps(action):
    depart = threading.Barrier(SIMULTANES)

    def lancer(rang):
        try:
            depart.wait()
            return action(rang)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=SIMULTANES) as executeur:
        return list(executeur.map(lancer, range(SIMULTANES)))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_six_envois_simultanes_du_meme_lien_n_enregistrent_qu_une_reponse():
    """Six posts of the same link at once: one answer is recorded (with its alert, e-mailed once to the coach),
    the five others are told the EIG already answered."""
    invitation = reponse(VagueMeteoFactory())
    CoachFactory(promotion=invitation.vague.promotion)

    def repondre(rang):
        try:
            meteo_repondre(ReponseMeteo.objects.select_related("vague__promotion", "eig").get(pk=invitation.pk),
                           meteo=1, vie_equipe=2, epanouissement=2, reussites=f"Envoi n° {rang}")
            return "enregistrée"
        except DejaRepondu:
            return "déjà répondu"

    resultats = _en_meme_temps(repondre)
    assert sorted(resultats) == ["déjà répondu"] * 5 + ["enregistrée"]
    assert AlerteMeteo.objects.count() == 1 and Notification.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_six_passages_simultanes_ouvrent_une_vague_et_invitent_une_fois():
    """Six daily runs at the same moment open one round and record one invitation per EIG."""
    promotion = promotion_2026()
    for _ in range(4):
        EIGFactory(promotion=promotion)

    resultats = _en_meme_temps(lambda _rang: meteo_tour(a_paris(datetime.date(2026, 1, 9)))["invitations"])
    assert sum(resultats) == 4, resultats
    assert VagueMeteo.objects.count() == 1 and ReponseMeteo.objects.count() == 4
    assert Notification.objects.count() == 4
