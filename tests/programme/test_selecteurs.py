"""The promotion a page shows by default: one rule for every page (programme.selectors.promotion_par_defaut)."""

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import AnonymousUser

from programme.factories import CoachFactory, PromotionFactory, debut_promotion_en_cours
from programme.selectors import promotion_par_defaut

pytestmark = pytest.mark.django_db


@pytest.fixture
def promotions():
    """Two running promotions, the older one started two months before the newer one, and a finished one."""
    debut = debut_promotion_en_cours()
    return {
        "finie": PromotionFactory(date_debut=debut - relativedelta(years=2)),
        "ancienne": PromotionFactory(date_debut=debut - relativedelta(months=2)),
        "recente": PromotionFactory(date_debut=debut),
    }


def test_la_promotion_en_cours_de_la_personne_passe_avant_la_plus_recente(promotions):
    """A coach of the older running promotion lands on it, not on the one that started last."""
    coach = CoachFactory(promotion=promotions["ancienne"])
    assert promotion_par_defaut(coach) == promotions["ancienne"]


def test_sans_role_en_cours_la_promotion_en_cours_la_plus_recente(promotions):
    """A coach of the finished promotion only, and an anonymous visitor, land on the running one that started
    last."""
    coach = CoachFactory(promotion=promotions["finie"])
    assert promotion_par_defaut(coach) == promotions["recente"]
    assert promotion_par_defaut(AnonymousUser()) == promotions["recente"]
    assert promotion_par_defaut() == promotions["recente"]


def test_sans_promotion_en_cours_la_derniere_commencee(promotions):
    """Once every promotion has ended, the one that started last is shown."""
    plus_tard = promotions["recente"].date_fin + relativedelta(days=1)
    assert promotion_par_defaut(jour=plus_tard) == promotions["recente"]


def test_aucune_promotion():
    """Without any promotion there is no default."""
    assert promotion_par_defaut() is None
