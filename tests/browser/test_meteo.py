"""The météo entrepreneuriale in a real Chromium: an EIG answers from the personal link of their invitation,
without logging in and with the keyboard only; a coach then sees the alert and the EIG's history. axe-core finds
no violation on any of these pages."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from accompagnement.models import AlerteMeteo, ReponseMeteo
from accompagnement.services.meteo import meteo_tour
from programme.factories import CoachFactory, EIGFactory, PromotionFactory
from tests.browser.connexion import connecter

pytestmark = pytest.mark.django_db(transaction=True)
REUSSITES = "Le prototype d'admission tourne dans deux services."
DIFFICULTES = "L'accès aux données de production tarde."


def _dernier_jour_ouvre() -> datetime.date:
    """Today, or last Friday on a weekend: a round opens only on a working day."""
    jour = timezone.localdate()
    return jour - datetime.timedelta(days=max(0, jour.weekday() - 4))


@pytest.fixture
def invitation():
    """A round of Promotion 8 opened by the daily task on its day, inviting Camille by e-mail; Inès coaches it."""
    jour = _dernier_jour_ouvre()
    promotion = PromotionFactory(nom="Promotion 8", numero=8, meteo_jour=jour.weekday(), meteo_ancre=jour)
    camille = EIGFactory(promotion=promotion, prenom="Camille", nom_usage="Martin")
    coach = CoachFactory(promotion=promotion, prenom="Inès", nom_usage="Durand")
    midi_et_demi = timezone.make_aware(datetime.datetime.combine(jour, datetime.time(12, 30)))
    assert meteo_tour(maintenant=midi_et_demi)["invitations"] == 1
    courriel, = [m for m in mail.outbox if m.to == [camille.email]]
    assert courriel.subject == "[Magellan] Météo entrepreneuriale : comment allez-vous ?"
    lien = re.search(r"http\S+/meteo/lien/\S+/", courriel.body).group()
    return {"eig": camille, "coach": coach, "chemin": urlsplit(lien).path}


def test_un_eig_repond_au_clavier_depuis_son_lien_et_le_coach_voit_l_alerte(page, live_server, invitation,
                                                                             verifier_accessibilite):
    """Without logging in, the EIG opens the link of the e-mail, chooses the three levels with the arrows, types
    successes and difficulties, ticks « Je souhaite échanger avec un coach » with Space and sends with Enter;
    the link then says it was already answered. The coach, told by e-mail, sees the alert and the history."""
    page.goto(invitation["chemin"])
    page.get_by_role("heading", name=re.compile("^Météo entrepreneuriale du ")).wait_for()
    assert not page.get_by_role("button", name="Mon espace").count()
    verifier_accessibilite(page)

    # Space checks the focused first level (1), each ArrowDown the next one; Tab goes on to the next group.
    page.get_by_role("group", name="Ma météo entrepreneuriale").get_by_role("radio").first.focus()
    for niveau in (2, 4, 5):
        page.keyboard.press("Space")
        for _ in range(niveau - 1):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
    page.keyboard.type(REUSSITES)
    page.keyboard.press("Tab")
    page.keyboard.type(DIFFICULTES)
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    for groupe, niveau in [("Ma météo entrepreneuriale", "2"), ("La vie de l'équipe", "4"),
                           ("Mon épanouissement personnel", "5")]:
        assert page.get_by_role("group", name=groupe).get_by_role("radio", checked=True).get_attribute("value") \
            == niveau, groupe
    assert page.get_by_label("Je souhaite échanger avec un coach").is_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Merci !").wait_for()
    assert page.get_by_text("Votre météo est enregistrée. Seuls les coachs du programme la lisent.").is_visible()
    verifier_accessibilite(page)
    reponse = ReponseMeteo.objects.get(eig=invitation["eig"])
    assert (reponse.meteo, reponse.vie_equipe, reponse.epanouissement) == (2, 4, 5)
    assert (reponse.reussites, reponse.difficultes, reponse.souhaite_echanger) == (REUSSITES, DIFFICULTES, True)
    alerte = [m for m in mail.outbox if m.to == [invitation["coach"].email]]
    assert [m.subject for m in alerte] == ["[Magellan] Météo : souhaite échanger avec un coach — Camille Martin"]

    page.goto(invitation["chemin"])
    page.get_by_role("heading", name="Vous avez déjà répondu").wait_for()
    verifier_accessibilite(page)

    connecter(page, live_server, invitation["coach"])
    page.goto("/coachs/meteo/")
    page.get_by_role("heading", name="Alertes à traiter").wait_for()
    alertes = page.locator("section", has=page.get_by_role("heading", name="Alertes à traiter"))
    assert "Camille Martin — Souhaite échanger avec un coach" in alertes.inner_text()
    verifier_accessibilite(page)
    alertes.get_by_role("link", name="Camille Martin").click()
    page.get_by_role("heading", name="Météo de Camille Martin").wait_for()
    assert page.get_by_text(REUSSITES).is_visible() and page.get_by_text(DIFFICULTES).is_visible()
    assert page.locator(".fr-badge", has_text="Souhaite échanger avec un coach").is_visible()
    verifier_accessibilite(page)

    page.go_back()
    alertes.get_by_role("button", name="Marquer comme traitée").click()
    page.get_by_text("L'alerte concernant Camille Martin est marquée comme traitée.").wait_for()
    assert page.get_by_text("Aucune alerte en attente.").is_visible()
    assert AlerteMeteo.objects.get().traitee_par == invitation["coach"]
    verifier_accessibilite(page)


def test_sans_niveau_de_meteo_le_formulaire_le_dit_et_garde_les_textes(page, invitation, verifier_accessibilite):
    """Sent without the météo level, the form says so in French next to the field and keeps what was typed."""
    page.goto(invitation["chemin"])
    # DSFR draws the radio on its label, which is what a pointer clicks.
    page.get_by_role("group", name="La vie de l'équipe").locator("label", has_text="3 – Nuageux").click()
    page.get_by_role("group", name="Mon épanouissement personnel").locator("label", has_text="4 – Éclaircies").click()
    page.get_by_label("Mes réussites").fill(REUSSITES)
    page.get_by_label("Mes difficultés").fill(DIFFICULTES)
    page.get_by_role("button", name="Envoyer ma météo").click()

    meteo = page.get_by_role("group", name="Ma météo entrepreneuriale")
    meteo.get_by_text("Choisissez votre météo.").wait_for()
    assert page.get_by_label("Mes réussites").input_value() == REUSSITES
    assert page.get_by_label("Mes difficultés").input_value() == DIFFICULTES
    assert page.get_by_role("group", name="La vie de l'équipe").get_by_label("3 – Nuageux").is_checked()
    assert ReponseMeteo.objects.get(eig=invitation["eig"]).repondue_le is None
    verifier_accessibilite(page)
