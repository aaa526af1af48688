"""The EcoIndex formula of the bench (bench/ecoindex.py) against the values the EcoIndex project publishes."""

import pytest

from bench.ecoindex import QUANTILES_DOM, QUANTILES_KO, QUANTILES_REQUETES, note_ecoindex, position_dans, score_ecoindex


@pytest.mark.parametrize(("quantiles", "valeur", "position"), [
    (QUANTILES_KO, 2500, 14.086372025739513),
    (QUANTILES_DOM, 150, 2.892857142857143),
    (QUANTILES_REQUETES, 23, 2.8),
    (QUANTILES_KO, 310182.902, 20),
])
def test_une_valeur_se_place_entre_ses_deux_quantiles(quantiles, valeur, position):
    """A figure sits at the index of the quantile below it plus its share of the way to the next; beyond the last
    quantile, at 20 (the published examples of ecoindex_python)."""
    assert position_dans(quantiles, valeur) == pytest.approx(position)


@pytest.mark.parametrize(("dom", "requetes", "ko", "score"), [
    (100, 100, 100, 72),
    (100, 100, 1000, 67),
    (100, 100, 10000, 58),
    (200, 200, 10000, 46),
    (2355, 267, 2493, 10),
    (240, 20, 331, 83),
    (2240, 100, 310182.902, 16),
])
def test_le_score_est_celui_que_publie_le_projet_ecoindex(dom, requetes, ko, score):
    """DOM weighs 3, requests 2, kilobytes 1: the scores of the published examples, to the unit."""
    assert round(score_ecoindex(dom, requetes, ko)) == score


@pytest.mark.parametrize(("score", "note"), [(100, "A"), (80.5, "A"), (80, "B"), (72, "B"), (50.2, "D"), (25, "F"),
                                             (10, "G"), (2, "G")])
def test_la_note_va_de_a_a_g_au_dessus_de_chaque_seuil(score, note):
    """A grade is earned strictly above its threshold (80, 70, 55, 40, 25, 10), as the EcoIndex grades."""
    assert note_ecoindex(score) == note
