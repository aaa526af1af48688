"""The coaches' dashboard in a real Chromium, on the demonstration (`seed_demo`): every section and its charts
show without any CSP violation, the data tables behind the charts are on the page of their part, a line of « À qui
parler » leads to the page where the coach acts; axe-core finds no violation."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accompagnement.models import Session
from accompagnement.services.sessions import presences_marquer
from demo.construction import NOM_PROMOTION, adresse_de
from programme.models import Personne, Role
from tests.browser.connexion import connecter

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo():
    """The demo promotion, with the attendance of its last past session taken: nobody came."""
    call_command("seed_demo", stdout=StringIO())
    session = (Session.objects.filter(promotion__nom=NOM_PROMOTION, debut__lt=timezone.now(),
                                      inscriptions__isnull=False).distinct().order_by("-debut").first())
    presences_marquer(session, [])
    return {"coach": Personne.objects.get(email=adresse_de(Role.Type.COACH)), "session": session}


def test_un_coach_lit_le_tableau_de_bord_de_la_demonstration(page, live_server, demo, verifier_accessibilite):
    """From the menu « Piloter », the dashboard of « Promotion 8 »: its sections, the dates of the phases, the
    session nobody came to, then the page of the attendance with the data table behind its chart; a reason of « À
    qui parler » opens its page."""
    connecter(page, live_server, demo["coach"])
    page.goto("/espace/")
    page.get_by_role("button", name="Piloter").click()
    page.get_by_role("link", name="Tableau de bord de la promotion", exact=True).click()
    page.get_by_role("heading", name="Tableau de bord de la promotion", level=1).wait_for()
    assert NOM_PROMOTION in page.get_by_label("Promotion").locator("option:checked").inner_text()
    for titre in ("Où en est la promotion", "À qui parler cette semaine", "Comités d'évaluation de la phase 2",
                  "Météo entrepreneuriale", "Présence aux sessions", "Bureau d'aide"):
        assert page.get_by_role("heading", name=titre, level=2).is_visible()
    assert page.get_by_role("img", name=f"Les phases de la {NOM_PROMOTION}").is_visible()
    presence = page.locator("#tdb-presence")
    assert presence.get_by_role("link", name=demo["session"].titre).is_visible()
    assert page.locator("#tdb-frise li").filter(has_text="En cours").count() == 1
    verifier_accessibilite(page)

    presence.get_by_role("link", name="La présence par dispositif et les sessions peu suivies").click()
    page.get_by_role("heading", name=f"Présence aux sessions — {NOM_PROMOTION}", level=1).wait_for()
    assert page.get_by_role("table", name="Présence par dispositif").is_visible()
    verifier_accessibilite(page)
    page.get_by_role("link", name=f"Retour au tableau de bord de la {NOM_PROMOTION}").click()
    page.get_by_role("heading", name="Tableau de bord de la promotion", level=1).wait_for()

    lien = page.locator("#tdb-a-prevenir").get_by_role("link").first
    adresse = lien.get_attribute("href")
    with page.expect_navigation() as navigation:
        lien.click()
    assert navigation.value.status == 200
    assert page.url == live_server.url + adresse
