"""Walks through Magellan in a real Chromium: a visitor, an EIG and a coach, with axe-core on every page."""

import re

import pytest
from django.core import mail

from defis.factories import DefiFactory, MembreEquipeFactory, RealisationFactory
from defis.models import MembreEquipe
from programme.factories import CoachFactory, PromotionFactory, ThemeFactory
from tests.browser.conftest import surveiller_blocages

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def promotion_en_cours():
    """A running promotion with two défis, one of them with a team of two EIG and a porteuse."""
    promotion = PromotionFactory(nom="Promotion 8", numero=8)
    sante = ThemeFactory(nom="Santé")
    defi = DefiFactory(titre="Hospi'Flux", promotion=promotion, themes=[sante],
                       corps="## Le défi à relever\n\nFluidifier les **admissions** hospitalières.")
    RealisationFactory(defi=defi, titre="Code source", url="https://github.com/exemple/hospiflux")
    DefiFactory(titre="Greffe numérique", promotion=PromotionFactory(nom="Promotion 7", numero=7))
    eig = MembreEquipeFactory(defi=defi, role=MembreEquipe.Role.EIG, personne__email="eig@exemple.test",
                              personne__prenom="Alix").personne
    MembreEquipeFactory(defi=defi, role=MembreEquipe.Role.EIG, personne__prenom="Camille")
    MembreEquipeFactory(defi=defi, role=MembreEquipe.Role.PORTEUR, personne__prenom="Sophie")
    return {"promotion": promotion, "defi": defi, "eig": eig}


def _se_connecter(page, email):
    """Log in through the real form: ask for a code, read it in the e-mail, type it."""
    page.goto("/comptes/login/code/")
    page.get_by_label("Adresse électronique").fill(email)
    nombre = len(mail.outbox)
    page.get_by_role("button", name="Recevoir un code de connexion").click()
    page.get_by_role("heading", name="Saisir le code de connexion").wait_for()
    message = mail.outbox[nombre]
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", message.body).group(1)
    page.get_by_label("Code de connexion").fill(code)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("heading", name="Mon espace").wait_for()


def test_visiteur_parcourt_accueil_catalogue_defi_et_donnees(page, promotion_en_cours, verifier_accessibilite):
    """A visitor reads the home, filters the catalogue, opens a défi, reads the indicators and downloads the open
    data."""
    page.goto("/")
    assert page.get_by_role("heading", name="Phase 1 – Valider l'hypothèse").is_visible()
    verifier_accessibilite(page)

    page.get_by_role("link", name="Les défis", exact=True).first.click()
    page.get_by_label("Promotion").select_option(label="Promotion 8")
    page.get_by_role("button", name="Filtrer").click()
    assert page.get_by_role("heading", name="1 défi").is_visible()
    assert page.get_by_role("link", name="Greffe numérique").count() == 0
    verifier_accessibilite(page)

    page.get_by_role("link", name="Hospi'Flux").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Hospi'Flux"
    assert page.locator("strong", has_text="admissions").is_visible()
    assert page.get_by_role("link", name="Code source").get_attribute("href") == "https://github.com/exemple/hospiflux"
    verifier_accessibilite(page)

    page.goto("/donnees-ouvertes/")
    verifier_accessibilite(page)
    json_export = page.request.get("/defis/export.json").json()
    assert sorted(d["titre"] for d in json_export["defis"]) == ["Greffe numérique", "Hospi'Flux"]
    with page.expect_download() as telechargement:
        page.get_by_role("link", name="Télécharger au format CSV").click()
    contenu = open(telechargement.value.path(), encoding="utf-8-sig").read()
    assert "Hospi'Flux" in contenu and contenu.startswith("identifiant,titre")

    page.goto("/")
    page.get_by_role("link", name="Comparer les promotions année après année").click()
    assert page.get_by_role("table", name="Comparaison des promotions").is_visible()
    verifier_accessibilite(page)


def test_eig_se_connecte_par_code_et_retrouve_son_equipe(page, promotion_en_cours, verifier_accessibilite):
    """An EIG logs in by code (a wrong code first), then sees promotion, current phase, défi and team."""
    page.goto("/espace/")
    page.get_by_role("heading", name="Se connecter à Magellan").wait_for()
    verifier_accessibilite(page)
    page.get_by_label("Adresse électronique").fill("eig@exemple.test")
    page.get_by_role("button", name="Recevoir un code de connexion").click()
    page.get_by_label("Code de connexion").fill("AAAA-AAAA")
    page.get_by_role("button", name="Se connecter").click()
    assert page.locator(".fr-error-text").inner_text() == "Code incorrect."
    assert page.get_by_label("Code de connexion").input_value() == "AAAA-AAAA"
    verifier_accessibilite(page)

    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", mail.outbox[-1].body).group(1)
    page.get_by_label("Code de connexion").fill(code)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("heading", name="Mon espace").wait_for()
    assert page.get_by_role("heading", name="Promotion 8").is_visible()
    assert "Prouver le concept" in page.locator(".fr-stepper__title").inner_text()
    assert page.get_by_role("link", name="Votre défi : Hospi'Flux").is_visible()
    assert page.get_by_text("Camille").is_visible() and page.get_by_text("Sophie").is_visible()
    verifier_accessibilite(page)

    page.get_by_role("button", name="Se déconnecter").click()
    page.get_by_role("link", name="Se connecter").first.wait_for()
    page.goto("/espace/")
    assert "/comptes/login/code/" in page.url


def test_coach_invite_une_personne_qui_arrive_dans_son_espace(page, navigateur, live_server, promotion_en_cours,
                                                               verifier_accessibilite):
    """A coach's invitation with a bad address keeps what was typed; corrected, it reaches the person's space."""
    CoachFactory(email="coach@exemple.test", promotion=promotion_en_cours["promotion"])
    _se_connecter(page, "coach@exemple.test")
    page.get_by_role("button", name="Piloter").click()
    page.locator("#menu-piloter").get_by_role("link", name="Inviter une personne").click()
    verifier_accessibilite(page)

    page.get_by_label("Adresse électronique").fill("sophie.durand@")
    page.get_by_label("Prénom").fill("Sophie")
    page.get_by_label("Nom d'usage").fill("Durand")
    page.get_by_label("Promotion").select_option(label="Promotion 8")
    page.get_by_label("Rôle", exact=True).select_option(label="Sponsor")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    assert "Saisissez une adresse électronique valide" in page.locator(".fr-error-text").inner_text()
    assert page.get_by_label("Nom d'usage").input_value() == "Durand"
    assert page.get_by_label("Rôle", exact=True).input_value() == "sponsor"
    verifier_accessibilite(page)

    page.get_by_label("Adresse électronique").fill("sophie.durand@culture.gouv.fr")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    assert page.get_by_text("Invitation envoyée à sophie.durand@culture.gouv.fr").is_visible()

    lien = re.search(r"https?://\S+/invitation/\S+/", mail.outbox[-1].body).group(0)
    chemin = lien[lien.index("/invitation/"):]
    contexte = navigateur.new_context(locale="fr-FR", base_url=live_server.url)
    blocages = surveiller_blocages(contexte)
    invitee = contexte.new_page()
    invitee.goto(chemin)
    assert invitee.get_by_text("Rôle proposé : Sponsor · Promotion 8").is_visible()
    verifier_accessibilite(invitee)
    invitee.get_by_role("button", name="Accepter l'invitation et entrer dans Magellan").click()
    invitee.get_by_role("heading", name="Mon espace").wait_for()
    assert invitee.get_by_text("Bienvenue dans Magellan, Sophie !").is_visible()
    assert invitee.locator(".fr-badge", has_text="Sponsor").is_visible()
    contexte.close()
    assert not blocages, blocages


def test_navigation_au_clavier_par_les_liens_d_evitement(page, promotion_en_cours):
    """The first Tab reaches the skip link; Enter moves to the content; the catalogue filters work by keyboard."""
    page.goto("/defis/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Contenu"
    page.keyboard.press("Enter")
    assert page.url.endswith("#contenu")
    page.get_by_label("Rechercher").focus()
    page.keyboard.type("Hospi")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="1 défi").wait_for()
