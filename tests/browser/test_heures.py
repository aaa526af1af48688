"""Heures d'accélération in a real Chromium: a parrain logs hours past the cap; the team and the coaches read
them; axe-core on every page of the domain."""

import pytest
from django.utils import timezone

from accompagnement.factories import HeureAccelerationFactory
from accompagnement.models import HeureAcceleration
from defis.factories import DefiFactory, MembreEquipeFactory
from programme.factories import CoachFactory, ParrainFactory, PromotionFactory
from tests.browser.connexion import connecter

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def programme():
    promotion = PromotionFactory(nom="Promotion 8", numero=8)
    defi = DefiFactory(promotion=promotion, titre="Hospi'Flux")
    parrain = ParrainFactory(promotion=promotion, prenom="Mathilde", nom_usage="Hoang")
    return {"promotion": promotion, "defi": defi, "parrain": parrain}


def _consigner(page, duree, sujet):
    page.get_by_label("Date").fill(timezone.localdate().isoformat())
    page.get_by_label("Défi").select_option(label="Hospi'Flux (Promotion 8)")
    page.get_by_label("Durée").select_option(label=duree)
    page.get_by_label("Sujet").fill(sujet)
    page.get_by_role("button", name="Enregistrer ces heures").click()


def test_un_parrain_saisit_des_heures_au_dela_du_plafond(page, live_server, programme, verifier_accessibilite):
    """4 h are logged; 2 h more are refused with the hour left, and the form keeps what was typed."""
    connecter(page, live_server, programme["parrain"])
    page.goto("/heures/")
    page.get_by_role("heading", name="Mes heures d'accélération").wait_for()
    verifier_accessibilite(page)

    _consigner(page, "4 h", "Ouverture des données hospitalières")
    assert page.get_by_text("Saisie enregistrée : 4 h pour « Hospi'Flux »").is_visible()
    assert page.get_by_role("cell", name="Ouverture des données hospitalières").is_visible()
    verifier_accessibilite(page)

    _consigner(page, "2 h", "Atelier d'idéation")
    alerte = page.get_by_role("alert")
    alerte.wait_for()
    assert "Il vous reste 1 h ce mois-ci ; cette saisie de 2 h dépasserait le plafond de 5 h." in alerte.inner_text()
    assert page.get_by_label("Sujet").input_value() == "Atelier d'idéation"
    assert page.get_by_label("Durée").input_value() == "120"
    assert page.get_by_label("Défi").input_value() == str(programme["defi"].pk)
    verifier_accessibilite(page)
    assert HeureAcceleration.objects.count() == 1

    page.get_by_label("Durée").select_option(label="1 h")
    page.get_by_role("button", name="Enregistrer ces heures").click()
    assert page.get_by_text("il vous reste 0 h").is_visible()


def test_l_equipe_et_les_coachs_lisent_les_heures(page, live_server, programme, verifier_accessibilite):
    """The défi's EIG reads the hours received; a coach reads the consumption per parrain and per défi."""
    HeureAccelerationFactory(parrain=programme["parrain"], defi=programme["defi"], duree_minutes=150,
                             sujet="Revue du code")
    eig = MembreEquipeFactory(defi=programme["defi"]).personne
    connecter(page, live_server, eig)
    page.goto(f"/defis/{programme['defi'].slug}/heures/")
    assert page.get_by_role("cell", name="Revue du code").is_visible()
    verifier_accessibilite(page)

    page.context.clear_cookies()
    connecter(page, live_server, CoachFactory(promotion=programme["promotion"]))
    page.goto("/heures/suivi/")
    assert page.get_by_role("row", name="Mathilde Hoang").is_visible()
    verifier_accessibilite(page)
    page.get_by_role("link", name="Hospi'Flux").click()
    page.get_by_role("heading", name="Heures d'accélération reçues").wait_for()
    verifier_accessibilite(page)
