"""L'annuaire de la communauté in a real Chromium: an EIG searches it, filters by domain, opens a parrain's booking
link; a person chooses what it shows of them, her photo among it; axe-core on every page."""

import re

import pytest

from programme.factories import EIGFactory, ParrainFactory, PromotionFactory
from programme.models import Domaine
from programme.photos import PHOTO_COTE
from tests.accompagnement.outils_mentorat import a_paris, lundi, serie
from tests.browser.connexion import connecter
from tests.programme.outils_photos import image

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def communaute():
    """A promotion with an EIG, a marraine in accessibility offering mentorat slots, a parrain in open data."""
    promotion = PromotionFactory(nom="Promotion 8", numero=8)
    marraine = ParrainFactory(promotion=promotion, prenom="Aline", nom_usage="Rivière",
                              fonction="Experte accessibilité, Design Gouv", presentation="RGAA et DSFR au quotidien.",
                              annuaire_presentation=True)
    marraine.domaines.set([Domaine.objects.get(nom="Accessibilité")])
    serie(marraine, a_paris(lundi(), 14), type_mentorat="mentorat", nombre=4)
    parrain = ParrainFactory(promotion=promotion, prenom="Bruno", nom_usage="Ouvert",
                             fonction="Ouverture des données, Etalab")
    parrain.domaines.set([Domaine.objects.get(nom="Données ouvertes")])
    eig = EIGFactory(promotion=promotion, prenom="Nina", nom_usage="Roux", email="nina@exemple.test",
                     linkedin="https://www.linkedin.com/in/nina-roux")
    return {"marraine": marraine, "parrain": parrain, "eig": eig}


def test_un_eig_cherche_filtre_par_domaine_et_ouvre_le_lien_de_mentorat_d_une_marraine(
        page, live_server, communaute, verifier_accessibilite):
    """From « Mon espace », the EIG opens the annuaire, searches a name, filters by the Accessibilité domain, reads
    the marraine's card (family, domain, presentation she chose) and follows its link to book her slots."""
    connecter(page, live_server, communaute["eig"])
    page.goto("/espace/")
    page.get_by_role("link", name="Annuaire de la communauté").first.click()
    page.get_by_role("heading", name="Annuaire de la communauté", level=1).wait_for()
    assert page.get_by_role("heading", name="3 personnes").is_visible()
    verifier_accessibilite(page)

    page.get_by_label("Nom").fill("bruno")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("heading", name="1 personne").wait_for()
    assert page.get_by_role("heading", name="Bruno Ouvert").is_visible()

    page.get_by_label("Nom").fill("")
    page.get_by_label("Domaine des parrains et marraines").select_option(label="Accessibilité")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("heading", name="1 personne").wait_for()
    fiche = page.get_by_role("article", name="Aline Rivière")
    assert "Intérêt général" in fiche.inner_text() and "RGAA et DSFR au quotidien." in fiche.inner_text()
    verifier_accessibilite(page)

    fiche.get_by_role("link", name="Réserver un cycle de mentorat avec Aline Rivière").click()
    page.get_by_role("heading", name="Réserver un cycle de mentorat des spécialistes de la DINUM").wait_for()
    assert page.url.endswith(f"#mentor-{communaute['marraine'].pk}")
    assert page.get_by_role("group", name=re.compile("Avec Aline Rivière")).is_visible()


def test_une_personne_choisit_de_montrer_ses_liens_et_l_annuaire_les_montre(
        page, live_server, communaute, verifier_accessibilite):
    """The EIG's LinkedIn is hidden until she ticks « Montrer mes liens » in her space; then her card shows it."""
    connecter(page, live_server, communaute["eig"])
    page.goto("/annuaire/?nom=roux")
    assert page.get_by_role("link", name="LinkedIn").count() == 0

    page.get_by_role("link", name="Choisir ce que l'annuaire montre de moi").click()
    page.get_by_role("heading", name="Mon profil dans l'annuaire").wait_for()
    verifier_accessibilite(page)
    page.get_by_text("Montrer mes liens LinkedIn et GitHub").click()
    page.get_by_role("button", name="Enregistrer mes choix").click()
    page.get_by_text("Vos choix sont enregistrés").wait_for()
    verifier_accessibilite(page)

    page.goto("/annuaire/?nom=roux")
    assert page.get_by_role("link", name=re.compile("LinkedIn")).get_attribute("href") == (
        "https://www.linkedin.com/in/nina-roux")


def test_une_eig_depose_sa_photo_et_une_autre_personne_la_voit_sur_sa_fiche(
        page, live_server, communaute, verifier_accessibilite):
    """Nina uploads her photo and ticks « Montrer ma photo »: her form shows it back; the marraine, signed in, sees
    it drawn on Nina's card in the annuaire. A text named .png is refused first, with the presentation kept."""
    connecter(page, live_server, communaute["eig"])
    page.goto("/espace/annuaire/")
    page.get_by_role("textbox", name=re.compile("^Ma présentation")).fill("Designer de services publics.")
    page.get_by_label(re.compile("^Ma photo")).set_input_files(
        {"name": "nina.png", "mimeType": "image/png", "buffer": b"ceci n'est pas une image"})
    page.get_by_role("button", name="Enregistrer mes choix").click()
    page.get_by_text("son contenu n'est pas une image PNG ou JPEG").wait_for()
    presentation = page.get_by_role("textbox", name=re.compile("^Ma présentation"))
    assert presentation.input_value() == "Designer de services publics."
    verifier_accessibilite(page)

    page.get_by_label(re.compile("^Ma photo")).set_input_files(
        {"name": "nina.png", "mimeType": "image/png", "buffer": image(largeur=500, hauteur=500, couleur=(0, 99, 203))})
    page.get_by_text("Montrer ma photo").click()
    page.get_by_role("button", name="Enregistrer mes choix").click()
    page.get_by_text("Vos choix sont enregistrés").wait_for()
    assert page.get_by_role("img", name="Votre photo actuelle").evaluate("img => img.naturalWidth") == PHOTO_COTE
    verifier_accessibilite(page)

    connecter(page, live_server, communaute["marraine"])
    page.goto("/annuaire/?nom=roux")
    photo = page.get_by_role("article", name="Nina Roux").locator("img")
    photo.wait_for()
    assert photo.evaluate("img => img.complete && img.naturalWidth") == PHOTO_COTE
    assert photo.get_attribute("alt") == ""
    verifier_accessibilite(page)
