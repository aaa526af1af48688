"""The server error page in Chromium, as production shows it (DEBUG off): the 400, 403 and 404 pages are opened on
the shipped site (test_production.py); a failure cannot be caused there on purpose, so the 500 page is opened here,
on the test server, through a view that fails."""

import pytest

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.urls("tests.magellan.urls_erreurs")]


def test_la_page_d_incident_est_en_francais_dans_le_dsfr_et_ramene_a_l_accueil(page, settings, verifier_accessibilite):
    """A visitor whose request fails reads, in French under the State's header, that an incident happened and
    that the team is told, then goes back home from it; axe finds nothing."""
    settings.DEBUG = False
    reponse = page.goto("/erreur/500/")
    assert reponse.status == 500
    assert page.get_by_role("heading", level=1, name="Un incident est survenu").is_visible()
    assert "Marianne" in page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Server Error" not in page.content()
    verifier_accessibilite(page)
    page.get_by_role("link", name="Page d'accueil").click()
    page.wait_for_url("**/")
    assert page.get_by_role("heading", level=1).first.is_visible()
