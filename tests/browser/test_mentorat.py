"""Mentorat in a real Chromium: an EIG books a cycle, a slot is taken under their feet, a coach publishes
slots; axe-core on every page of the domain."""

import re

import pytest

from accompagnement.factories import CycleFactory
from accompagnement.models import Cycle, Reservation
from accompagnement.services.mentorat import cycle_reserver
from programme.factories import CoachFactory, EIGFactory, ParrainFactory, PromotionFactory
from tests.accompagnement.outils_mentorat import a_paris, lundi, serie
from tests.browser.connexion import connecter

pytestmark = pytest.mark.django_db(transaction=True)

BESOINS = "Structurer notre plan d'expérimentation et choisir les bons indicateurs d'impact."


def _choisir_cycle(page, motif=""):
    """Pick a proposed cycle by clicking its label, as a person does (the DSFR draws the radio on the label)."""
    page.locator(".fr-radio-group label", has_text=motif).first.click()


@pytest.fixture
def programme():
    """A running promotion, a parrain offering five weeks of 1 h 30 slots, a coach, an EIG."""
    promotion = PromotionFactory(nom="Promotion 8", numero=8)
    parrain = ParrainFactory(promotion=promotion, prenom="Bastien", nom_usage="Guerry",
                             fonction="Référent logiciels libres, Etalab")
    creneaux = serie(parrain, a_paris(lundi(), 14), type_mentorat="mentorat", nombre=5)
    coach = CoachFactory(promotion=promotion, prenom="Camille", nom_usage="Martin")
    eig = EIGFactory(promotion=promotion, prenom="Nina", nom_usage="Roux", email="nina@exemple.test")
    return {"promotion": promotion, "parrain": parrain, "creneaux": creneaux, "coach": coach, "eig": eig}


def test_un_eig_reserve_un_cycle_et_le_retrouve_dans_mes_cycles(page, live_server, programme, verifier_accessibilite):
    """From the mentorat page, an EIG picks a cycle of four séances, writes their needs, books it, sees it in
    « Mes cycles » and on its own page, then cancels one séance."""
    connecter(page, live_server, programme["eig"])
    page.goto("/mentorat/")
    page.get_by_role("heading", name="Mentorat", exact=True).wait_for()
    verifier_accessibilite(page)

    page.get_by_role("link", name="Réserver un cycle — Mentorat, avec un spécialiste de la DINUM").click()
    page.get_by_role("heading", name="Réserver un cycle de mentorat des spécialistes de la DINUM").wait_for()
    assert page.get_by_role("group", name=re.compile("Avec Bastien Guerry")).is_visible()
    assert page.get_by_role("radio").count() == 2
    verifier_accessibilite(page)

    _choisir_cycle(page)
    page.get_by_label("Votre expression de besoins").fill(BESOINS)
    page.get_by_role("button", name="Réserver ce cycle").click()
    page.get_by_role("heading", name="Mes cycles de mentorat").wait_for()
    assert page.get_by_text("Votre cycle avec Bastien Guerry est réservé").is_visible()
    assert page.get_by_role("link", name="Avec Bastien Guerry").is_visible()
    verifier_accessibilite(page)
    cycle = Cycle.objects.get()
    assert cycle.besoins == BESOINS and cycle.reservations.count() == 4

    page.get_by_role("link", name="Avec Bastien Guerry").click()
    page.get_by_role("heading", name="Cycle de mentorat des spécialistes de la DINUM").wait_for()
    assert page.get_by_text(BESOINS).is_visible()
    verifier_accessibilite(page)
    page.get_by_role("button", name=re.compile("^Annuler la séance")).first.click()
    assert page.get_by_text("le créneau est de nouveau proposé").is_visible()
    assert Reservation.objects.filter(annulee_le__isnull=True).count() == 3
    verifier_accessibilite(page)


def test_un_creneau_pris_sous_ses_yeux_garde_les_besoins_et_propose_d_autres_cycles(page, live_server, programme,
                                                                                 verifier_accessibilite):
    """Someone books the same first séance while the EIG writes: a clear message, the needs still typed, the
    cycle still possible offered; booking it then works."""
    serie(programme["parrain"], a_paris(lundi(), 9, 30), type_mentorat="mentorat")
    connecter(page, live_server, programme["eig"])
    page.goto("/mentorat/reserver/mentorat/")
    assert page.get_by_role("radio").count() == 4
    _choisir_cycle(page, "le lundi à 14 h 00")
    page.get_by_label("Votre expression de besoins").fill(BESOINS)
    cycle_reserver(EIGFactory(promotion=programme["promotion"]), programme["parrain"], programme["creneaux"][:4],
                   "Quelqu'un d'autre a été plus rapide.")

    page.get_by_role("button", name="Réserver ce cycle").click()
    alerte = page.get_by_role("alert")
    alerte.wait_for()
    assert "Ce créneau vient d'être réservé par quelqu'un d'autre" in alerte.inner_text()
    assert "votre expression de besoins est conservée" in alerte.inner_text()
    assert page.get_by_label("Votre expression de besoins").input_value() == BESOINS
    assert page.get_by_role("radio").count() == 2
    verifier_accessibilite(page)

    _choisir_cycle(page, "le lundi à 9 h 30")
    page.get_by_role("button", name="Réserver ce cycle").click()
    page.get_by_role("heading", name="Mes cycles de mentorat").wait_for()
    assert Cycle.objects.get(demandeur=programme["eig"]).besoins == BESOINS


def test_un_coach_publie_des_creneaux_et_suit_les_cycles(page, live_server, programme, verifier_accessibilite):
    """A coach publishes four weekly slots of mentorat individuel, sees them free, then their mentorés and all
    the programme's cycles."""
    CycleFactory(demandeur=programme["eig"], mentor=programme["coach"])
    connecter(page, live_server, programme["coach"])
    page.goto("/mentorat/creneaux/")
    verifier_accessibilite(page)
    page.get_by_label("Date de la séance").fill(lundi(6).isoformat())
    page.get_by_label("Heure de début").fill("09:30")
    page.get_by_label("Durée").select_option(label="30 minutes")
    page.get_by_label("Lieu ou lien de visioconférence").fill("https://webinaire.numerique.gouv.fr/camille")
    page.get_by_role("button", name="Publier").click()
    assert page.get_by_text("4 créneaux publiés").is_visible()
    assert page.get_by_role("cell", name="Libre").count() == 4
    assert page.get_by_role("link", name="Réservé par Nina Roux").count() == 4
    verifier_accessibilite(page)

    page.get_by_role("link", name="Voir mes mentorés").click()
    page.get_by_role("heading", name="Les personnes que j'accompagne").wait_for()
    assert page.get_by_role("link", name="Nina Roux").is_visible()
    verifier_accessibilite(page)

    page.goto("/mentorat/cycles/")
    assert page.get_by_role("link", name="Nina Roux avec Camille Martin").is_visible()
    verifier_accessibilite(page)
    page.goto("/mentorat/reserver/individuel/")
    verifier_accessibilite(page)
