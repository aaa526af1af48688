"""Every coach page opens on the same promotion: the running one the coach belongs to (programme.selectors)."""

import pytest
from dateutil.relativedelta import relativedelta

from programme.factories import CoachFactory, PromotionFactory, debut_promotion_en_cours

pytestmark = pytest.mark.django_db

PAGES_DES_COACHS = [
    "/coachs/sessions/", "/coachs/carnets/", "/coachs/meteo/", "/coachs/groupes/", "/heures/suivi/", "/evaluations/",
]


@pytest.mark.parametrize("adresse", PAGES_DES_COACHS)
def test_un_coach_de_la_seconde_promotion_en_cours_arrive_sur_elle(client, adresse):
    """Two running promotions: a coach of the second (not the one that started last) lands on it on each page."""
    debut = debut_promotion_en_cours()
    PromotionFactory(date_debut=debut)
    seconde = PromotionFactory(date_debut=debut - relativedelta(months=2))
    client.force_login(CoachFactory(promotion=seconde))
    reponse = client.get(adresse)
    assert reponse.status_code == 200
    assert reponse.context["promotion"] == seconde
