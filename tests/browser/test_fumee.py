"""Smoke test of the browser infrastructure: Chromium reaches the live server and its static files."""


def test_la_feuille_de_style_du_dsfr_est_servie_au_navigateur(page):
    """The DSFR stylesheet, served locally (no CDN), loads in Chromium with status 200."""
    reponse = page.goto("/static/dsfr/dist/dsfr.min.css")

    assert reponse.status == 200
    assert reponse.headers["content-type"].startswith("text/css")
    assert ".fr-btn" in reponse.text()
