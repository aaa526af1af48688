"""The carnet de bord in a real Chromium: an EIG fills their month by keyboard, then reads their history and the
chart of their compétences; a coach follows the promotion's carnets; axe-core on every page."""

import pytest
from dateutil.relativedelta import relativedelta
from django.utils.formats import date_format

from accompagnement.factories import CarnetDeBordFactory
from accompagnement.models import CarnetDeBord
from defis.factories import DefiFactory, MembreEquipeFactory
from programme.dates import de_mois, premier_du_mois
from programme.factories import CoachFactory, EIGFactory, PromotionFactory
from programme.models import Competence
from tests.browser.connexion import connecter

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def promotion():
    """A promotion in its phase 2 (its compétences come from the migration, put back by tests/conftest.py)."""
    return PromotionFactory(nom="Promotion 8", numero=8)


@pytest.fixture
def eig(promotion):
    """An EIG whose carnet of last month holds objectives and a first self-assessment."""
    personne = EIGFactory(promotion=promotion, prenom="Nina", nom_usage="Roux")
    MembreEquipeFactory(defi=DefiFactory(promotion=promotion, titre="Hospi'Flux"), personne=personne)
    architecture = Competence.objects.get(phase=2, public="eig", nom="Architecture agile")
    CarnetDeBordFactory(eig=personne, mois=premier_du_mois() - relativedelta(months=1),
                        objectifs="Cartographier le parcours d'admission.", niveaux={architecture: 1})
    return personne


def test_un_eig_remplit_son_carnet_au_clavier_et_voit_son_historique(page, live_server, eig, verifier_accessibilite):
    """The EIG opens their carnet, finds last month's objectives at the top of the form, reviews them, writes
    this month's, rates each compétence with the keyboard only, saves, then reads the chart and its table."""
    mois, precedent = premier_du_mois(), premier_du_mois() - relativedelta(months=1)
    connecter(page, live_server, eig)
    page.goto("/carnet-de-bord/")
    page.get_by_role("heading", name="Mon carnet de bord", exact=True).wait_for()
    verifier_accessibilite(page)

    page.get_by_role("link", name=f"Remplir mon carnet {de_mois(mois, annee=False)}").click()
    page.get_by_role("heading", name=f"Mon carnet {de_mois(mois)}").wait_for()
    assert page.locator("#objectifs-precedents").inner_text().endswith("Cartographier le parcours d'admission.")
    verifier_accessibilite(page)

    page.get_by_label("Où en sont les objectifs du mois dernier").fill("Parcours cartographié avec deux services.")
    page.get_by_label("Mes objectifs du mois").fill("Tester le prototype avec cinq agents d'accueil.")
    page.get_by_label("Ce que j'ai appris").fill("Animer un atelier de co-conception.")
    # From the last text field, Tab enters each compétence's radio group; arrows choose the level.
    page.get_by_label("Ce que j'ai appris").focus()
    niveaux = {"Architecture agile": 3, "Logiciel libre": 2, "Système de design de l'État": 1,
               "Accessibilité numérique": 4, "Écoconception": 2}
    for niveau in niveaux.values():
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
        for _ in range(niveau - 1):
            page.keyboard.press("ArrowDown")
    for competence, niveau in niveaux.items():
        groupe = page.get_by_role("group", name=competence, exact=True)
        assert groupe.get_by_role("radio", checked=True).get_attribute("value") == str(niveau), competence
    page.get_by_label("Mes besoins").fill("Un regard sur notre protocole de test.")
    page.get_by_role("button", name="Enregistrer mon carnet").focus()
    page.keyboard.press("Enter")

    page.get_by_text(f"Votre carnet de bord {de_mois(mois)} est enregistré.").wait_for()
    assert page.get_by_role("link", name=f"Modifier mon carnet {de_mois(mois, annee=False)}").is_visible()
    tableau = page.get_by_role("table", name="Niveaux auto-évalués (sur 4), par compétence et par mois")
    assert tableau.get_by_role("columnheader").all_inner_texts() == [
        "Compétence", date_format(precedent, "F Y").capitalize(), date_format(mois, "F Y").capitalize()]
    ligne = tableau.get_by_role("row", name="Architecture agile")
    assert ligne.get_by_role("cell").all_inner_texts()[-2:] == ["1", "3"]
    assert tableau.get_by_role("row", name="Accessibilité numérique").get_by_role("cell").all_inner_texts()[-1] == "4"
    assert page.locator(".carnet-graphique__barre").count() == 6
    verifier_accessibilite(page)

    page.get_by_role("button", name=date_format(mois, "F Y").capitalize()).click()
    page.get_by_text("Tester le prototype avec cinq agents d'accueil.").wait_for()
    assert CarnetDeBord.objects.filter(eig=eig).count() == 2


def test_un_coach_suit_les_carnets_de_la_promotion(page, live_server, promotion, eig, verifier_accessibilite):
    """The coach sees who wrote this month's carnet, opens an EIG's carnet and reads it; axe finds nothing."""
    CarnetDeBordFactory(eig=EIGFactory(promotion=promotion, prenom="Paul", nom_usage="Durand"))
    connecter(page, live_server, CoachFactory(promotion=promotion))
    page.goto("/coachs/carnets/")
    page.get_by_role("heading", name="Carnets de bord", exact=True).wait_for()
    assert page.get_by_role("row", name="Paul Durand").get_by_text("Rempli le").is_visible()
    assert page.get_by_role("row", name="Nina Roux").get_by_text("Pas encore rempli").is_visible()
    verifier_accessibilite(page)

    page.get_by_role("link", name="Nina Roux").click()
    page.get_by_role("heading", name="Carnet de bord de Nina Roux").wait_for()
    assert page.get_by_text("Nina n'a pas encore rempli son carnet").is_visible()
    verifier_accessibilite(page)
