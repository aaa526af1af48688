"""The mentions légales tell the truth about personal data: every cookie a login actually sets, with the
lifetime the settings give it, each retention period as configured, the person's rights and where to write."""

import re

import pytest
from django.core import mail

from magellan.confidentialite import duree_en_clair
from programme.factories import EIGFactory

pytestmark = pytest.mark.django_db


def _cookies_d_une_connexion(client) -> dict[str, int]:
    """Log in by code as a visitor would, down to the page showing « Connexion réussie »; every cookie any response
    set, with the longest lifetime it was given (0 when it only lives until the browser closes)."""
    EIGFactory(email="eig@exemple.test")
    reponses = [client.get("/comptes/login/code/")]
    reponses.append(client.post("/comptes/login/code/", {"email": "eig@exemple.test"}))
    reponses.append(client.get(reponses[-1]["Location"]))
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", mail.outbox[0].body).group(1)
    reponses.append(client.post("/comptes/login/code/confirm/", {"code": code}))
    reponses.append(client.get(reponses[-1]["Location"]))
    assert "réussie" in reponses[-1].content.decode()
    cookies: dict[str, int] = {}
    for reponse in reponses:
        for nom, morceau in reponse.cookies.items():
            cookies[nom] = max(cookies.get(nom, 0), int(morceau["max-age"] or 0))
    return cookies


def _lignes_des_cookies(page: str) -> dict[str, str]:
    tableau = page[page.index('id="cookies"'):page.index('id="conservation"')]
    return dict(re.findall(r"<tr><th scope=\"row\"><code>([^<]+)</code></th>(.*?)</tr>", tableau))


def test_chaque_cookie_depose_par_une_connexion_est_dans_les_mentions_avec_sa_duree(client):
    """Session, CSRF and messages cookies are each set by a login and listed with the lifetime they were set
    with; the page lists no cookie that Magellan does not set."""
    cookies = _cookies_d_une_connexion(client)
    assert {"sessionid", "csrftoken", "messages"} <= set(cookies)
    lignes = _lignes_des_cookies(client.get("/mentions-legales/").content.decode())
    assert set(lignes) == set(cookies)
    for nom, age in cookies.items():
        if age:
            assert duree_en_clair(age) in lignes[nom], nom
        else:
            assert "fermeture du navigateur" in lignes[nom], nom


def test_les_durees_de_conservation_suivent_les_reglages(client, settings):
    """Changing the session length and the e-mail and document retention changes what the page states."""
    settings.SESSION_COOKIE_AGE = 2 * 3600
    settings.NOTIFICATIONS_CONSERVATION_JOURS = 90
    settings.DOCUMENTS_CONSERVATION_JOURS = 400
    settings.INVITATION_VALIDITE_JOURS = 21
    page = client.get("/mentions-legales/").content.decode()
    assert "2 heures" in _lignes_des_cookies(page)[settings.SESSION_COOKIE_NAME]
    conservation = page[page.index('id="conservation"'):page.index('id="droits"')]
    for attendu in ("90 jours après leur envoi", "400 jours après la fin de la promotion", "valables 21 jours"):
        assert attendu in conservation
    assert "180 jours" not in page and "365 jours" not in page


def test_les_droits_et_l_adresse_pour_les_exercer_sont_donnes(client, settings):
    """The page names each right (access, rectification, erasure, restriction, objection), the complaint to the
    CNIL, and the contact address of the settings as a mail link."""
    settings.CONTACT_EMAIL = "donnees-magellan@exemple.test"
    page = client.get("/mentions-legales/").content.decode()
    droits = page[page.index('id="droits"'):]
    for droit in ("accès", "rectification", "effacement", "limitation", "opposition", "réclamation", "CNIL"):
        assert droit in droits
    assert 'href="mailto:donnees-magellan@exemple.test"' in droits
