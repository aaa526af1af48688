"""The evaluations in a real Chromium: a porteuse drafts and submits her support with a file, a coach writes
and publishes the rapport, the sponsor reads it; axe-core finds no violation on any of these pages."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from defis.factories import DefiFactory, MembreEquipeFactory
from defis.models import MembreEquipe
from evaluations.factories import PDF_MINIMAL, ComiteFactory, ObjectifFactory, SupportFactory
from evaluations.models import Rapport, Support
from evaluations.services.supports import support_soumettre
from programme.factories import CoachFactory, PromotionFactory
from tests.browser.connexion import connecter

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def defi(db):
    """Hospi'Flux in a running promotion: an EIG, a porteuse, a sponsor and a coach."""
    promotion = PromotionFactory(nom="Promotion 8", numero=8)
    defi = DefiFactory(titre="Hospi'Flux", promotion=promotion)
    membres = {role: MembreEquipeFactory(defi=defi, role=getattr(MembreEquipe.Role, role.upper()),
                                         personne__prenom=prenom).personne
               for role, prenom in [("eig", "Camille"), ("porteur", "Sophie"), ("sponsor", "Hélène")]}
    return {"defi": defi, "promotion": promotion, "coach": CoachFactory(promotion=promotion, prenom="Inès"),
            **membres}


def test_une_porteuse_redige_et_soumet_son_support_avec_un_fichier(page, live_server, defi, tmp_path,
                                                                   verifier_accessibilite):
    """A fake PDF is refused with what was typed kept; a real one is attached; she submits in time."""
    ComiteFactory(defi=defi["defi"], numero=2, debut=timezone.now() + datetime.timedelta(days=15),
                  coachs=[defi["coach"]])
    connecter(page, live_server, defi["porteur"])
    page.goto(f"/defis/{defi['defi'].slug}/evaluations/")
    page.get_by_role("heading", name="Évaluations du défi « Hospi'Flux »").wait_for()
    verifier_accessibilite(page)

    page.get_by_role("link", name=re.compile("voir le comité de la phase 2$")).click()
    page.get_by_role("heading", name="Comité d'évaluation de la phase 2").wait_for()
    # The two cards (support, rapport) stay above the footer: none overlaps it.
    carte = page.locator(".fr-card", has_text="Le rapport d'évaluation").bounding_box()
    assert carte["y"] + carte["height"] <= page.locator("footer.fr-footer").bounding_box()["y"]
    verifier_accessibilite(page)
    page.get_by_role("link", name="Le support de l'équipe").click()
    page.get_by_role("heading", name="Support du comité de la phase 2").wait_for()
    verifier_accessibilite(page)
    page.get_by_role("link", name="Rédiger le support").click()
    page.get_by_role("heading", name="Rédiger le support du comité de la phase 2").wait_for()
    verifier_accessibilite(page)

    faux = tmp_path / "bilan.pdf"
    faux.write_text("Ce texte n'est pas un PDF.")
    page.locator("#id_objectif1-intitule").fill("Prototyper l'admission en ligne")
    page.locator("#id_objectif1-atteinte").fill("70")
    page.get_by_label("Réussites").fill("Trois services pilotes utilisent le prototype.")
    page.get_by_label("Joindre des fichiers").set_input_files(str(faux))
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    assert "Le fichier « bilan.pdf » n'a pas été accepté" in page.locator(".fr-error-text").inner_text()
    assert page.locator("#id_objectif1-intitule").input_value() == "Prototyper l'admission en ligne"
    assert page.get_by_label("Réussites").input_value() == "Trois services pilotes utilisent le prototype."
    verifier_accessibilite(page)

    vrai = tmp_path / "support-phase-2.pdf"
    vrai.write_bytes(PDF_MINIMAL)
    page.get_by_label("Joindre des fichiers").set_input_files(str(vrai))
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_text("Brouillon du support enregistré.").wait_for()
    assert page.get_by_role("heading", name="Objectif 1 : Prototyper l'admission en ligne").is_visible()
    with page.expect_download() as telechargement:
        page.get_by_role("link", name="support-phase-2.pdf").click()
    assert open(telechargement.value.path(), "rb").read() == PDF_MINIMAL
    verifier_accessibilite(page)

    page.get_by_role("button", name="Soumettre le support aux coachs").click()
    page.get_by_text("Support soumis : les coachs le liront avant le comité.").wait_for()
    assert page.locator(".fr-badge", has_text="Soumis").is_visible()
    assert not page.get_by_role("link", name="Modifier le support").count()
    verifier_accessibilite(page)
    support = Support.objects.get()
    assert support.statut == "soumis" and not support.en_retard and support.pieces_jointes.count() == 1


def test_un_coach_ecrit_et_publie_le_rapport_que_le_sponsor_lit(page, live_server, defi, verifier_accessibilite):
    """The coach writes the rapport, publishes it (three e-mails), sees its history; the sponsor reads it."""
    comite = ComiteFactory(defi=defi["defi"], numero=1, debut=timezone.now() - datetime.timedelta(days=2),
                           coachs=[defi["coach"]])
    support = SupportFactory(comite=comite)
    ObjectifFactory(support=support, intitule="Valider l'hypothèse avec dix soignants", atteinte=90)
    support_soumettre(support, par=defi["porteur"])

    connecter(page, live_server, defi["coach"])
    page.goto("/evaluations/?phase=1")
    page.get_by_role("heading", name="Tableau des évaluations").wait_for()
    verifier_accessibilite(page)
    page.get_by_role("link", name="Ouvrir le rapport de Hospi'Flux").click()
    verifier_accessibilite(page)
    page.get_by_role("link", name="Rédiger le rapport").click()
    page.get_by_label("Synthèse").fill("Hypothèse validée ; l'équipe est prête pour la phase 2.")
    page.get_by_label("Points d'attention").fill("L'accès aux données de production.")
    page.get_by_label("Atteinte (%)").fill("85")
    page.get_by_label("Commentaire").fill("Très bien mené.")
    page.locator("label", has_text="Ajuster").click()
    assert page.get_by_label("Ajuster").is_checked()
    verifier_accessibilite(page)
    page.get_by_role("button", name="Enregistrer le rapport").click()
    page.get_by_text("Rapport enregistré.").wait_for()
    verifier_accessibilite(page)

    page.get_by_role("button", name="Publier le rapport").click()
    page.get_by_text("Rapport publié : l'équipe, les porteurs et le sponsor en sont avertis.").wait_for()
    assert Rapport.objects.get().est_publie
    assert sorted(m.to[0] for m in mail.outbox) == sorted(defi[r].email for r in ("eig", "porteur", "sponsor"))
    page.get_by_role("link", name="Historique des changements").click()
    assert page.get_by_role("cell", name=defi["coach"].nom_complet).first.is_visible()
    verifier_accessibilite(page)

    connecter(page, live_server, defi["sponsor"])
    page.goto(f"/defis/{defi['defi'].slug}/evaluations/")
    assert not page.get_by_role("link", name="Voir le support de la phase 1").count()
    page.get_by_role("link", name="Lire le rapport de la phase 1").click()
    page.get_by_role("heading", name="Rapport d'évaluation de la phase 1").wait_for()
    assert page.get_by_text("Hypothèse validée ; l'équipe est prête pour la phase 2.").is_visible()
    assert page.get_by_role("cell", name="85 %").is_visible()
    assert not page.get_by_role("link", name="Modifier le rapport").count()
    verifier_accessibilite(page)
    with page.expect_download() as telechargement:
        page.get_by_role("link", name="Télécharger en PDF").click()
    assert open(telechargement.value.path(), "rb").read().startswith(b"%PDF-")
    page.emulate_media(media="print")
    assert not page.locator("header.fr-header").is_visible() and not page.locator("footer.fr-footer").is_visible()
