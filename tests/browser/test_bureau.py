"""The bureau d'aide in a real Chromium: a team files a request with a document (after a refused impostor),
downloads it back; a coach triages it from the queue; axe-core on every page."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from accompagnement.models import DemandeAide
from defis.factories import DefiFactory, MembreEquipeFactory
from defis.models import MembreEquipe
from programme.factories import CoachFactory, PromotionFactory
from tests.accompagnement.fichiers_bureau import PDF, TEXTE
from tests.browser.connexion import connecter

pytestmark = pytest.mark.django_db(transaction=True)

BESOIN = "Nous voulons auditer notre API avant d'en ouvrir le code : sécurité, tests, documentation."


@pytest.fixture
def equipe():
    """A défi with an EIG and a porteuse, a coach of the promotion."""
    promotion = PromotionFactory(nom="Promotion 8", numero=8)
    defi = DefiFactory(promotion=promotion, titre="Hospi'Flux")
    eig = MembreEquipeFactory(defi=defi, role=MembreEquipe.Role.EIG, personne__prenom="Nina",
                              personne__nom_usage="Roux", personne__email="nina@exemple.test").personne
    MembreEquipeFactory(defi=defi, role=MembreEquipe.Role.PORTEUR, personne__email="sophie@exemple.test")
    coach = CoachFactory(promotion=promotion, prenom="Camille", nom_usage="Martin", email="camille@exemple.test")
    return {"defi": defi, "eig": eig, "coach": coach}


def test_une_equipe_depose_une_demande_avec_un_document(page, live_server, equipe, verifier_accessibilite):
    """The EIG asks for help: a text file named .pdf is refused with what was typed kept; with a real PDF, the
    request is sent, shown with its status, and its document downloads back."""
    connecter(page, live_server, equipe["eig"])
    page.goto("/bureau-aide/")
    page.get_by_role("heading", name="Bureau d'aide", exact=True).wait_for()
    verifier_accessibilite(page)

    page.get_by_role("link", name="Demander de l'aide").click()
    page.get_by_role("heading", name="Demander de l'aide").wait_for()
    verifier_accessibilite(page)
    page.locator("label", has_text="Audit de code").click()
    page.get_by_label("Description du besoin").fill(BESOIN)
    page.get_by_label("Document (facultatif)").set_input_files(
        files=[{"name": "audit.pdf", "mimeType": "application/pdf", "buffer": TEXTE}])
    page.get_by_role("button", name="Envoyer la demande").click()
    assert "Le fichier « audit.pdf » n'a pas été accepté" in page.locator(".fr-error-text").inner_text()
    assert page.get_by_label("Description du besoin").input_value() == BESOIN
    assert page.get_by_role("radio", name="Audit de code").is_checked()
    verifier_accessibilite(page)

    page.get_by_label("Document (facultatif)").set_input_files(
        files=[{"name": "audit.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name="Envoyer la demande").click()
    page.get_by_text("Votre demande est envoyée : les coachs en sont avertis.").wait_for()
    assert page.get_by_role("heading", name="Audit de code", level=1).is_visible()
    assert page.get_by_text("Reçue, en attente de prise en charge").is_visible()
    verifier_accessibilite(page)
    with page.expect_download() as telechargement:
        page.get_by_role("link", name="Télécharger le document joint").click()
    assert telechargement.value.suggested_filename == "audit.pdf"
    assert open(telechargement.value.path(), "rb").read() == PDF
    assert [m.to for m in mail.outbox] == [["camille@exemple.test"]]

    page.get_by_role("link", name="Bureau d'aide").first.click()
    page.get_by_role("heading", name="Bureau d'aide", exact=True).wait_for()
    assert page.get_by_role("row", name="Audit de code").get_by_text("Vous").is_visible()


def test_un_coach_trie_la_demande_depuis_la_file(page, live_server, equipe, verifier_accessibilite):
    """From the queue (waiting time shown), the coach takes the request, plans a séance and closes it; every
    page passes axe, each member of the team receives three e-mails."""
    demande = DemandeAide.objects.create(defi=equipe["defi"], demandeur=equipe["eig"], nature="experimentation",
                                         description="Construire notre protocole d'A/B test.")
    DemandeAide.objects.filter(pk=demande.pk).update(created_at=timezone.now() - datetime.timedelta(days=1, hours=2))
    connecter(page, live_server, equipe["coach"])
    page.goto("/coachs/bureau-aide/")
    page.get_by_role("heading", name="File du bureau d'aide").wait_for()
    ligne = page.get_by_role("row", name="Plan d'expérimentation")
    assert "1 jour et 2 heures" in ligne.inner_text()
    verifier_accessibilite(page)

    ligne.get_by_role("link", name="Plan d'expérimentation").click()
    page.get_by_role("link", name="Prendre en charge").click()
    verifier_accessibilite(page)
    page.get_by_role("button", name="Prendre en charge").click()
    page.get_by_text("La demande est prise en charge").wait_for()
    verifier_accessibilite(page)

    page.get_by_role("link", name="Planifier des séances").click()
    verifier_accessibilite(page)
    jour = timezone.localdate() + datetime.timedelta(days=5)
    seance = page.get_by_role("group", name="Séance 1")
    seance.get_by_label("Date").fill(jour.isoformat())
    seance.get_by_label("Heure de début").fill("10:30")
    seance.get_by_label("Lien de visioconférence (facultatif)").fill("https://webinaire.numerique.gouv.fr/bureau")
    page.get_by_role("button", name="Planifier").click()
    page.get_by_text("Les séances sont planifiées").wait_for()
    assert page.get_by_text("de 10h30 à 11h30").is_visible()

    page.get_by_role("link", name="Clore la demande").click()
    verifier_accessibilite(page)
    page.get_by_label("Résultat").fill("Protocole validé : deux variantes, trois semaines, un indicateur.")
    page.get_by_role("button", name="Clore la demande").click()
    page.get_by_text("La demande est close").wait_for()
    assert page.get_by_text("Protocole validé : deux variantes").is_visible()
    etapes = ["votre demande est prise en charge", "vos séances sont planifiées", "votre demande est close"]
    assert sorted((m.subject.removeprefix("[Magellan] Bureau d'aide : "), m.to) for m in mail.outbox) == sorted(
        (etape, [adresse]) for etape in etapes for adresse in ("nina@exemple.test", "sophie@exemple.test"))
