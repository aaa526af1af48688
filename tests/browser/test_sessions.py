"""Sessions in a real Chromium: a coach plans, reviews and publishes a promotion's calendar and fills in the
session form; an EIG registers to a published session; axe-core on every page."""

import datetime
import re

import pytest
from django.utils import timezone

from accompagnement.factories import InscriptionFactory, SessionFactory
from accompagnement.models import Inscription, Session
from defis.factories import DefiFactory, MembreEquipeFactory
from defis.models import MembreEquipe
from programme.factories import CoachFactory, EIGFactory, PromotionFactory
from tests.browser.connexion import connecter

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def promotion():
    """Promotion 8, in phase 2, with the défi Hospi'Flux and its EIG Inès."""
    promotion = PromotionFactory(nom="Promotion 8", numero=8)
    defi = DefiFactory(titre="Hospi'Flux", promotion=promotion)
    MembreEquipeFactory(defi=defi, role=MembreEquipe.Role.EIG, personne__prenom="Inès")
    return promotion


def test_un_coach_planifie_revoit_et_publie_le_calendrier(page, live_server, promotion, verifier_accessibilite):
    """From the sessions' list the coach plans the calendar, reviews the drafts, deletes one, then publishes
    the whole calendar; the list shows the published sessions."""
    connecter(page, live_server, CoachFactory(promotion=promotion))
    page.goto("/coachs/sessions/")
    page.get_by_role("heading", name="Sessions de la Promotion 8").wait_for()
    verifier_accessibilite(page)

    page.get_by_role("link", name="Planifier le calendrier").click()
    page.get_by_role("heading", name="Planifier le calendrier de la Promotion 8").wait_for()
    verifier_accessibilite(page)
    page.get_by_role("button", name="Planifier le calendrier").click()

    page.get_by_role("heading", name="Calendrier planifié de la Promotion 8").wait_for()
    assert page.get_by_text("31 sessions planifiées en brouillon").is_visible()
    assert page.get_by_role("heading", name="Phase 2 – Prouver le concept").is_visible()
    assert page.get_by_role("link", name="Comité d'évaluation – phase 2 – Hospi'Flux", exact=True).is_visible()
    verifier_accessibilite(page)

    premiere = promotion.sessions.filter(dispositif__slug="conference").order_by("debut").first()
    page.get_by_role("button", name=f"Supprimer : {premiere.titre}").click()
    page.get_by_text(f"La session en brouillon « {premiere.titre} » est supprimée.").wait_for()
    page.get_by_role("button", name="Publier tout le calendrier (30 sessions)").click()

    page.get_by_text("30 sessions publiées : les invités les voient et peuvent s'inscrire.").wait_for()
    assert page.get_by_role("heading", name="30 sessions").is_visible()
    assert set(promotion.sessions.values_list("statut", flat=True)) == {Session.Statut.PUBLIEE}
    verifier_accessibilite(page)


def test_un_coach_corrige_le_formulaire_d_une_session(page, live_server, promotion, verifier_accessibilite):
    """The session form flags an end before the start and a missing défi, keeps what was typed, then
    creates the draft once corrected."""
    connecter(page, live_server, CoachFactory(promotion=promotion))
    page.goto(f"/coachs/sessions/promotion/{promotion.pk}/nouvelle/")
    verifier_accessibilite(page)
    jour = timezone.localdate() + datetime.timedelta(days=12)
    page.get_by_label("Dispositif").select_option(label="Atelier collaboratif")
    page.get_by_label(re.compile("^Titre")).fill("Atelier : cartographier le parcours patient")
    page.get_by_label(re.compile("^Début")).fill(f"{jour:%Y-%m-%d}T14:00")
    page.get_by_label(re.compile("^Fin")).fill(f"{jour:%Y-%m-%d}T09:00")
    page.get_by_text("L'équipe d'un défi", exact=True).click()
    page.get_by_role("button", name="Enregistrer en brouillon").click()

    assert page.get_by_text("La fin doit être après le début.").is_visible()
    assert page.get_by_text("Choisissez le défi dont l'équipe est invitée.").is_visible()
    assert page.get_by_label(re.compile("^Titre")).input_value() == "Atelier : cartographier le parcours patient"
    assert page.get_by_role("radio", name="L'équipe d'un défi").is_checked()
    verifier_accessibilite(page)

    page.get_by_label(re.compile("^Fin")).fill(f"{jour:%Y-%m-%d}T18:00")
    page.get_by_label(re.compile("^Défi invité")).select_option(label="Hospi'Flux")
    page.get_by_role("button", name="Enregistrer en brouillon").click()
    page.get_by_text(
        "La session « Atelier : cartographier le parcours patient » est enregistrée en brouillon.").wait_for()
    assert page.get_by_role("heading", name="Brouillon").is_visible()
    verifier_accessibilite(page)


def test_un_eig_s_inscrit_a_une_session_publiee(page, live_server, promotion, verifier_accessibilite):
    """Inès finds the conférence in her sessions to come, opens it, registers and sees her seat confirmed;
    the catalogue explains the dispositif."""
    inès = promotion.defis.get().membres.get().personne
    session = SessionFactory(promotion=promotion, titre="Conférence : mesurer l'impact", capacite=2,
                             description="Avec l'équipe de la mesure d'impact de la DINUM.")
    InscriptionFactory(session=session, personne=EIGFactory(promotion=promotion))
    connecter(page, live_server, inès)

    page.goto("/sessions/a-venir/")
    page.get_by_role("heading", name="Les sessions à venir").wait_for()
    verifier_accessibilite(page)
    page.get_by_role("link", name="Conférence : mesurer l'impact").click()

    page.get_by_role("heading", name="Conférence : mesurer l'impact").wait_for()
    assert page.get_by_text("2 places, 1 restante").is_visible()
    verifier_accessibilite(page)
    page.get_by_role("button", name="S'inscrire : Conférence : mesurer l'impact").click()

    page.get_by_text("Vous êtes inscrite ou inscrit à « Conférence : mesurer l'impact ».").wait_for()
    assert page.get_by_text("Inscription confirmée").is_visible()
    assert page.get_by_role("button", name="Se désister : Conférence : mesurer l'impact").is_visible()
    assert Inscription.objects.get(session=session, personne=inès).statut == Inscription.Statut.INSCRITE
    verifier_accessibilite(page)

    page.get_by_role("link", name="En savoir plus sur ce dispositif").click()
    page.get_by_role("heading", name="Conférence, table ronde ou masterclass").wait_for()
    verifier_accessibilite(page)
    page.get_by_role("link", name="Tous les dispositifs").click()
    page.get_by_role("heading", name="Le programme d'accompagnement", level=1).wait_for()
    verifier_accessibilite(page)


def test_les_pages_des_coachs_sur_une_session_sont_accessibles(page, live_server, promotion, verifier_accessibilite):
    """A session's page for a coach, its attendance sheet and its cancellation page pass axe-core."""
    coach = CoachFactory(promotion=promotion)
    session = SessionFactory(promotion=promotion, facilitateurs=[coach])
    InscriptionFactory(session=session, personne=promotion.defis.get().membres.get().personne)
    connecter(page, live_server, coach)
    for chemin, titre in [(f"/sessions/{session.pk}/", session.titre),
                          (f"/coachs/sessions/{session.pk}/emargement/", "Émargement"),
                          (f"/coachs/sessions/{session.pk}/annuler/", f"Annuler « {session.titre} »")]:
        page.goto(chemin)
        page.get_by_role("heading", name=titre, level=1).wait_for()
        verifier_accessibilite(page)
