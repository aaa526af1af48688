"""The coaches' resources in a real Chromium: an EIG opens them from « Mon espace », searches, reads a guide with its
callouts and follows a link to another page; axe-core on every page."""

import pytest

from programme.factories import EIGFactory
from ressources.services import ressources_importer
from tests.browser.connexion import connecter
from tests.ressources.conftest import DOC_COACHS

pytestmark = pytest.mark.django_db(transaction=True)


def test_un_eig_cherche_et_lit_une_ressource(page, live_server, verifier_accessibilite):
    """The EIG finds « Les ressources des coachs » on their space, searches « licence », opens the guide, reads its
    callout, and the welcome page's link to the rôles leads to that page's section."""
    ressources_importer(DOC_COACHS)
    eig = EIGFactory()
    connecter(page, live_server, eig)
    page.goto("/espace/")
    page.get_by_role("link", name="Les ressources des coachs").first.click()
    page.get_by_role("heading", name="Ressources", level=1).wait_for()
    verifier_accessibilite(page)

    page.get_by_label("Rechercher dans les ressources").fill("licence")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("heading", name="résultat", exact=False).first.wait_for()
    verifier_accessibilite(page)
    page.get_by_role("link", name="Comprendre les licences libres").first.click()
    page.get_by_role("heading", name="Comprendre les licences libres", level=1).wait_for()
    verifier_accessibilite(page)

    page.goto("/ressources/accessibilite/")
    assert page.locator(".fr-alert--error").filter(has_text="Version antérieure").is_visible()
    verifier_accessibilite(page)

    page.goto("/ressources/bienvenue/")
    page.get_by_role("link", name="coachs EIG").first.click()
    page.get_by_role("heading", name="Les rôles", level=1).wait_for()
    assert page.url.endswith("/ressources/roles/#coachs-eig")
