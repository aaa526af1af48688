"""Months as Magellan writes and reads them: first day, next and previous months, French names with their
elision, and the month an address asks for."""

import datetime

import pytest
from django.template import Context, Template

from programme.dates import de_mois, mois_en_clair, mois_lu, mois_precedent, mois_suivant, premier_du_mois


@pytest.mark.parametrize("jour,attendu", [
    (datetime.date(2026, 1, 31), "de janvier 2026"),
    (datetime.date(2026, 4, 15), "d'avril 2026"),
    (datetime.date(2026, 8, 1), "d'août 2026"),
    (datetime.date(2026, 10, 9), "d'octobre 2026"),
    (datetime.date(2026, 12, 1), "de décembre 2026"),
])
def test_de_mois_elide_devant_une_voyelle(jour, attendu):
    """« de » becomes « d' » before avril, août and octobre, and stays before the other months."""
    assert de_mois(jour) == attendu


def test_le_filtre_de_mois_dit_la_meme_chose_avec_ou_sans_annee():
    """The template filter writes what de_mois writes (as the text e-mails show it), and only the month when
    asked without the year."""
    gabarit = Template("{% load mois %}{% autoescape off %}{{ jour|de_mois }} / {{ jour|de_mois:False }} / "
                       "{{ rien|de_mois }}.{% endautoescape %}")
    assert gabarit.render(Context({"jour": datetime.date(2026, 10, 20)})) == "d'octobre 2026 / d'octobre / ."


def test_premier_suivant_et_precedent_franchissent_les_annees():
    """The first day of a month, the next one after December, the previous one before January."""
    assert premier_du_mois(datetime.date(2026, 12, 31)) == datetime.date(2026, 12, 1)
    assert mois_suivant(datetime.date(2026, 12, 31)) == datetime.date(2027, 1, 1)
    assert mois_precedent(datetime.date(2027, 1, 15)) == datetime.date(2026, 12, 1)
    assert mois_en_clair(datetime.date(2027, 2, 1)) == "février 2027"


@pytest.mark.parametrize("valeur", [None, "", "2026-13", "n-importe-quoi", "0001-01", "9999-12", "2026-1-1"])
def test_un_mois_illisible_ou_hors_bornes_n_est_pas_lu(valeur):
    """An absent, malformed or out-of-bounds month is read as None, for the page to show its default month."""
    assert mois_lu(valeur) is None


def test_un_mois_lisible_donne_son_premier_jour():
    """« 2026-10 » is the 1st of October 2026."""
    assert mois_lu("2026-10") == datetime.date(2026, 10, 1)
