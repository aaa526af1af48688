"""ProConnect in a real Chromium, against the ProConnect-like provider running during the tests: the button on the
login page, the login at the provider, Magellan's espace, then the logout of both."""

import pytest

from proconnect.models import LienProConnect
from programme.factories import PersonneFactory
from tests.oidc.fixtures import magellan_enregistrer

pytestmark = pytest.mark.django_db(transaction=True)


def test_un_agent_se_connecte_avec_proconnect_puis_se_deconnecte_des_deux(
    page, live_server, proconnect, verifier_accessibilite
):
    """An invited agent clicks « S'identifier avec ProConnect », chooses themself at the provider, lands in their
    espace, then logs out: Magellan's session and the provider's both end, and the next login asks again."""
    magellan_enregistrer(proconnect, live_server.url)
    porteuse = PersonneFactory(email="porteuse@exemple.gouv.fr", prenom="Paule", nom_usage="Porteuse")

    page.goto("/comptes/login/code/")
    bouton = page.get_by_role("link", name="S’identifier avec ProConnect")
    assert bouton.is_visible()
    aide = page.get_by_role("link", name="Qu’est-ce que ProConnect ?")
    assert aide.get_attribute("href") == "https://www.proconnect.gouv.fr/"
    assert aide.get_attribute("target") == "_blank"
    # The button keeps the DSFR's look: a filled blue block, not a bare link.
    assert bouton.evaluate("e => getComputedStyle(e).display") == "inline-flex"
    # ProConnect's logo, served by Magellan, is drawn before its name (not FranceConnect's).
    logo = bouton.evaluate("e => getComputedStyle(e, '::before').backgroundImage")
    assert logo.startswith(f'url("{live_server.url}/static/') and "proconnect-logo" in logo
    assert page.evaluate("u => fetch(u).then(r => r.ok && r.headers.get('content-type'))",
                         logo[5:-2]) == "image/svg+xml"
    verifier_accessibilite(page)

    bouton.click()
    page.wait_for_url(f"{proconnect.url}/authorize?**")
    page.get_by_label("Paule Porteuse (porteuse@exemple.gouv.fr)").check()
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("heading", name="Mon espace").wait_for()
    assert page.url == f"{live_server.url}/espace/"
    assert LienProConnect.objects.get(personne=porteuse).sub == "agent-porteuse"
    assert list(proconnect.sessions.values()) == ["agent-porteuse"]
    verifier_accessibilite(page)

    page.get_by_role("button", name="Se déconnecter").first.click()
    page.wait_for_url(f"{live_server.url}/")
    assert proconnect.sessions == {}
    assert [d["sub"] for d in proconnect.deconnexions] == ["agent-porteuse"]
    page.goto("/espace/")
    page.get_by_role("heading", name="Se connecter à Magellan").wait_for()

    # The provider's session is over: it asks who is logging in again instead of letting them straight through.
    page.get_by_role("link", name="S’identifier avec ProConnect").click()
    page.wait_for_url(f"{proconnect.url}/authorize?**")
    assert page.get_by_role("button", name="Se connecter").is_visible()
