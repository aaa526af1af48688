"""The coaches' météo page at national scale: the list of a promotion's EIG with their météo is one query whose size
follows the promotion, not the whole table of people (measured in docs/mesures/meteo_promotion.py)."""

import pytest

from accompagnement.selectors.meteo import eig_de_la_promotion_et_leur_meteo
from programme.factories import EIGFactory
from tests.accompagnement.outils_meteo import promotion_2026, reponse, vague_close

pytestmark = pytest.mark.django_db


@pytest.fixture
def promotion():
    return promotion_2026()


def test_les_eig_et_leur_meteo_se_lisent_sans_regrouper_toutes_les_personnes(promotion):
    """The people are read from the promotion's EIG roles, each figure by a subquery: neither DISTINCT nor GROUP BY
    over the people; each EIG has their latest answered level and how many rounds they answered."""
    ancienne, recente = vague_close(promotion, semaines_avant=4), vague_close(promotion, semaines_avant=2)
    assidue, silencieux = EIGFactory(promotion=promotion, nom_usage="Abel"), EIGFactory(promotion=promotion,
                                                                                         nom_usage="Zola")
    reponse(ancienne, assidue, meteo=2)
    reponse(recente, assidue, meteo=5)
    reponse(recente, silencieux)
    EIGFactory()
    requete = eig_de_la_promotion_et_leur_meteo(promotion)
    sql = str(requete.query).upper()
    assert "DISTINCT" not in sql and "GROUP BY" not in sql.split("FROM", 1)[1].split("(SELECT", 1)[0]
    assert [(p.nom_usage, p.derniere_meteo, p.repondues) for p in requete] == [("Abel", 5, 2), ("Zola", None, 0)]

