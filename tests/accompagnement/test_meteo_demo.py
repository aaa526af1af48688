"""The demo's météo: closed rounds with varied answers and one alert, and one open round, always current."""

import datetime

import pytest
from django.core import mail

from accompagnement.models import AlerteMeteo, ReponseMeteo, VagueMeteo
from accompagnement.services.meteo import vague_est_close
from demo.meteo import demo_meteo
from programme.factories import EIGFactory, PromotionFactory

from .outils_meteo import a_paris

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("maintenant", [a_paris(datetime.date(2026, 11, 23), 9), a_paris(datetime.date(2026, 11, 25))])
def test_la_demo_cree_des_vagues_closes_et_une_ouverte(maintenant):
    """Four closed rounds two weeks apart and one open at `maintenant`, answers of varied levels, a drop alert
    for the first EIG, and no e-mail sent; a second call adds nothing."""
    promotion = PromotionFactory(date_debut=datetime.date(2026, 8, 1))
    for _ in range(6):
        EIGFactory(promotion=promotion)
    bilan = demo_meteo(promotion, maintenant)
    vagues = list(VagueMeteo.objects.order_by("date"))
    assert bilan["vagues"] == len(vagues) == 5
    assert {(b.date - a.date).days for a, b in zip(vagues, vagues[1:])} == {14}
    assert [vague_est_close(v, maintenant) for v in vagues] == [True] * 4 + [False]
    assert len(set(ReponseMeteo.objects.exclude(meteo=None).values_list("meteo", flat=True))) >= 3
    assert set(AlerteMeteo.objects.values_list("motif", flat=True)) == {"baisse", "echange"}
    assert mail.outbox == []
    assert demo_meteo(promotion, maintenant)["vagues"] == 0
