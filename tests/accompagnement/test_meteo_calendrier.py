"""The fortnight rule of the météo: a round every two weeks on the promotion's weekday, counted from its anchor
week (never an interval that drifts), opening at noon in Paris whatever the season."""

import datetime

import pytest

from accompagnement.services import meteo as services_meteo
from accompagnement.services.meteo import (
    derniere_date_de_vague,
    meteo_jour_de_vague,
    prochaine_date_de_vague,
    vague_horaires,
)
from programme.models import Promotion
from tests.constantes import constante_changer

from .outils_meteo import PARIS

MERCREDI = 2


def _promotion(**champs):
    """An unsaved promotion: the calendar rule reads only its fields."""
    return Promotion(**{"nom": "Promotion 2026", "date_debut": datetime.date(2026, 1, 1),
                        "date_fin": datetime.date(2026, 12, 31), "meteo_jour": MERCREDI, **champs})


def _jours(promotion, debut=datetime.date(2025, 12, 1), fin=datetime.date(2027, 1, 31)):
    jour = debut
    while jour <= fin:
        if meteo_jour_de_vague(promotion, jour):
            yield jour
        jour += datetime.timedelta(days=1)


def test_les_vagues_d_une_annee_sont_espacees_de_quatorze_jours_exactement():
    """Over a whole year, every round falls on the chosen weekday, exactly 14 days after the previous one, from
    the anchor week to the promotion's end."""
    jours = list(_jours(_promotion(meteo_ancre=datetime.date(2026, 1, 8))))
    assert jours[0] == datetime.date(2026, 1, 7) and jours[-1] == datetime.date(2026, 12, 23)
    assert len(jours) == 26
    assert {jour.weekday() for jour in jours} == {MERCREDI}
    assert {(b - a).days for a, b in zip(jours, jours[1:])} == {14}


def test_l_ouverture_est_a_midi_a_paris_en_hiver_comme_en_ete():
    """Each round opens at 12:00 in Paris and closes at 12:00 Paris `meteo_duree_jours` later: 11:00 UTC in
    winter, 10:00 UTC in summer, including the rounds that span a daylight-saving change."""
    promotion = _promotion(meteo_ancre=datetime.date(2026, 1, 7), meteo_duree_jours=7)
    for jour in _jours(promotion):
        ouverte, fermee = vague_horaires(promotion, jour)
        assert ouverte.utcoffset() == datetime.timedelta(0)
        assert ouverte.astimezone(PARIS).time() == datetime.time(12) == fermee.astimezone(PARIS).time()
        assert fermee.astimezone(PARIS).date() - jour == datetime.timedelta(days=7)
    hiver = vague_horaires(promotion, datetime.date(2026, 1, 7))[0]
    ete = vague_horaires(promotion, datetime.date(2026, 7, 15))[0]
    assert (hiver.hour, ete.hour) == (11, 10)
    # Opens before the change to summer time (29 March), closes after it; and the reverse in October (25th).
    assert [h.hour for h in vague_horaires(promotion, datetime.date(2026, 3, 25))] == [11, 10]
    assert [h.hour for h in vague_horaires(promotion, datetime.date(2026, 10, 21))] == [10, 11]


def test_sans_semaine_de_reference_les_vagues_partent_de_la_semaine_du_debut():
    """Without an anchor, the first round is in the week the promotion starts; nothing before its start nor
    after its end."""
    promotion = _promotion(date_debut=datetime.date(2026, 1, 1), meteo_ancre=None)
    jours = list(_jours(promotion))
    # 1 January 2026 is a Thursday: that week's Wednesday is before the start, so the first round is two weeks on.
    assert jours[0] == datetime.date(2026, 1, 14)
    assert all(promotion.date_debut <= jour <= promotion.date_fin for jour in jours)


def test_une_semaine_de_reference_en_fin_de_semaine_compte_pour_sa_semaine():
    """An anchor on a Sunday designates its own week (Monday to Sunday), not the next one."""
    jours = list(_jours(_promotion(meteo_ancre=datetime.date(2026, 1, 18))))
    assert jours[0] == datetime.date(2026, 1, 14)


@pytest.mark.parametrize("ancre", [datetime.date(2026, 1, 7), datetime.date(2026, 1, 12)])
def test_la_derniere_vague_est_celle_du_calendrier(ancre):
    """On any day, the latest round day is the last one the fortnight rule gives up to that day."""
    promotion = _promotion(meteo_ancre=ancre)
    jours = list(_jours(promotion))
    jour = datetime.date(2026, 1, 1)
    while jour <= datetime.date(2027, 1, 10):
        precedents = [j for j in jours if j <= jour]
        assert derniere_date_de_vague(promotion, jour) == (precedents[-1] if precedents else None), jour
        jour += datetime.timedelta(days=1)


@pytest.mark.parametrize("ancre", [datetime.date(2026, 1, 7), datetime.date(2026, 1, 12)])
def test_la_prochaine_vague_est_celle_du_calendrier(ancre):
    """On any day, the next round day is the first one the fortnight rule gives after that day; none after the
    promotion's last round."""
    promotion = _promotion(meteo_ancre=ancre)
    jours = list(_jours(promotion))
    jour = datetime.date(2025, 12, 1)
    while jour <= datetime.date(2027, 1, 10):
        suivants = [j for j in jours if j > jour]
        assert prochaine_date_de_vague(promotion, jour) == (suivants[0] if suivants else None), jour
        jour += datetime.timedelta(days=1)


def test_changer_de_jour_garde_la_quinzaine():
    """Moving the météo from Wednesday to Friday keeps the same fortnight: the rounds stay in the anchor's even
    weeks, two days later, still exactly 14 days apart."""
    promotion = _promotion(meteo_ancre=datetime.date(2026, 1, 7))
    mercredis = list(_jours(promotion))
    promotion.meteo_jour = 4
    vendredis = list(_jours(promotion))
    assert [jour - datetime.timedelta(days=2) for jour in vendredis] == mercredis[:len(vendredis)]
    assert {(b - a).days for a, b in zip(vendredis, vendredis[1:])} == {14}


def test_sans_ancre_ni_debut_aucune_vague():
    """A promotion with neither anchor nor start date has no round at all, on any day."""
    promotion = _promotion(date_debut=None, meteo_ancre=None)
    assert list(_jours(promotion)) == []
    assert derniere_date_de_vague(promotion, datetime.date(2026, 6, 1)) is None


def test_la_cadence_suit_sa_constante(monkeypatch):
    """With `SEMAINES_ENTRE_VAGUES` at three, rounds fall 21 days apart from the anchor week, and the latest round
    before a day is one of them."""
    constante_changer(monkeypatch, services_meteo, "SEMAINES_ENTRE_VAGUES", 3)
    promotion = _promotion(meteo_ancre=datetime.date(2026, 1, 8))
    jours = list(_jours(promotion))
    assert jours[0] == datetime.date(2026, 1, 7)
    assert {(b - a).days for a, b in zip(jours, jours[1:])} == {21}
    assert derniere_date_de_vague(promotion, datetime.date(2026, 2, 10)) == datetime.date(2026, 1, 28)
