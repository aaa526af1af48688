"""The arrival path in a real Chromium: a newly invited EIG logs in, sees their path on « Mon espace », acts
(opens the welcome, fills in their annuaire card, acknowledges the charter, writes their carnet) and the steps tick
themselves; axe-core on every page."""

import pytest

from defis.factories import DefiFactory, MembreEquipeFactory
from programme.factories import CoachFactory, EIGFactory, PromotionFactory
from tests.browser.connexion import connecter

pytestmark = pytest.mark.django_db(transaction=True)


def _etape(page, nom):
    return page.locator(f"li[data-etape='{nom}']")


def test_une_eig_tout_juste_invitee_voit_son_parcours_et_les_etapes_se_cochent(page, live_server,
                                                                               verifier_accessibilite):
    promotion = PromotionFactory(nom="Promotion 8", numero=8)
    CoachFactory(promotion=promotion)
    eig = EIGFactory(promotion=promotion, prenom="Inès", nom_usage="Nouvelle", email="nouvelle-eig@exemple.test")
    MembreEquipeFactory(defi=DefiFactory(promotion=promotion, visible=True), personne=eig)
    connecter(page, live_server, eig)
    page.goto("/espace/")
    page.get_by_role("heading", name="Mon parcours d'arrivée").wait_for()
    assert page.get_by_text("0 étape faite sur 7").is_visible()
    verifier_accessibilite(page)

    page.get_by_role("link", name="Lire le mot d'accueil").click()
    page.get_by_role("heading", name="Bienvenue dans la communauté des Entrepreneurs d'intérêt général !",
                     level=1).wait_for()
    verifier_accessibilite(page)
    page.goto("/espace/")
    assert "Fait" in _etape(page, "accueil").text_content()

    page.get_by_role("link", name="Remplir ma fiche de l'annuaire").click()
    page.get_by_role("textbox", name="Ma présentation").fill("Designer de services, passionnée d'accessibilité.")
    page.get_by_role("checkbox", name="Montrer ma présentation").check(force=True)
    page.get_by_role("button", name="Enregistrer mes choix").click()
    page.get_by_text("Vos choix sont enregistrés").wait_for()
    page.goto("/espace/")
    assert "Fait" in _etape(page, "annuaire").text_content()

    page.get_by_role("link", name="Prendre connaissance de la charte de la communauté").click()
    page.get_by_role("heading", name="Charte de la communauté", level=1).wait_for()
    verifier_accessibilite(page)
    page.get_by_role("button", name="J'ai pris connaissance de la charte").click()
    page.get_by_text("Vous avez pris connaissance de la version 1 de la charte").wait_for()
    page.goto("/espace/")
    assert "Fait" in _etape(page, "charte").text_content()

    page.get_by_role("link", name="Écrire mon premier carnet de bord").click()
    page.get_by_label("Mes objectifs du mois").fill("Rencontrer dix usagers et cartographier leur parcours.")
    for niveau in page.locator("input[type=radio][value='1']").all():
        niveau.check(force=True)
    page.get_by_role("button", name="Enregistrer mon carnet").click()
    page.get_by_text("est enregistré").wait_for()
    page.goto("/espace/")
    assert "Fait" in _etape(page, "carnet").text_content()
    assert page.get_by_text("4 étapes faites sur 7").is_visible()
    assert "À faire" in _etape(page, "agenda").text_content()
    verifier_accessibilite(page)
