"""The current phase of a promotion, one rule for the carnet, the sessions and the evaluations board: the phase
whose dates contain the day, none outside them."""

import datetime

import pytest
from django.utils import timezone

from programme.factories import CoachFactory, PromotionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def promotion():
    """Phases of 2, 3, 3 and 2 months from 1 March 2026: phase 1 ends on 30 April, phase 2 starts on 1 May."""
    return PromotionFactory(date_debut=datetime.date(2026, 3, 1))


@pytest.mark.parametrize("jour,numero", [
    (datetime.date(2026, 2, 28), None),
    (datetime.date(2026, 3, 1), 1),
    (datetime.date(2026, 4, 30), 1),
    (datetime.date(2026, 5, 1), 2),
    (datetime.date(2026, 12, 31), 4),
    (datetime.date(2027, 1, 1), None),
])
def test_la_phase_en_cours_contient_le_jour_bornes_comprises(promotion, jour, numero):
    """A phase is current from its first to its last day; before the promotion and after it, none is."""
    phase = promotion.phase_en_cours(jour)
    assert (phase.numero if phase else None) == numero


def test_entre_deux_phases_aucune_n_est_en_cours(promotion):
    """A gap left between two phases belongs to neither."""
    premiere = promotion.phases.get(numero=1)
    premiere.date_fin = datetime.date(2026, 4, 20)
    premiere.save()
    assert promotion.phase_en_cours(datetime.date(2026, 4, 25)) is None


def test_le_tableau_des_evaluations_s_ouvre_sur_la_phase_1_hors_des_phases(client):
    """Before the promotion's first phase, the coaches' board opens on phase 1, the phase running otherwise."""
    a_venir = PromotionFactory(date_debut=timezone.localdate() + datetime.timedelta(days=60))
    client.force_login(CoachFactory(promotion=a_venir))
    assert client.get("/evaluations/", {"promotion": a_venir.pk}).context["numero"] == 1
    en_cours = PromotionFactory()
    assert client.get("/evaluations/", {"promotion": en_cours.pk}).context["numero"] == 2
