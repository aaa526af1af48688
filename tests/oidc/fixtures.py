"""pytest fixtures: the ProConnect-like provider (tests/oidc/fournisseur.py) served during the tests, and Magellan
configured on it; tests/conftest.py makes them available to every test."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from proconnect.client import _client
from tests.oidc.fournisseur import Fournisseur, ServeurFournisseur

CLIENT_ID = "magellan-test"
CLIENT_SECRET = "secret-de-test"


@pytest.fixture(scope="session")
def fournisseur_oidc():
    """The provider, running on a free port of 127.0.0.1 for the whole session."""
    with ServeurFournisseur(Fournisseur()) as fournisseur:
        yield fournisseur


def magellan_enregistrer(fournisseur, base: str):
    """Register Magellan at `base` with the provider: its return and post-logout addresses."""
    fournisseur.client_enregistrer(
        CLIENT_ID, CLIENT_SECRET, [f"{base}/comptes/proconnect/retour/"], [f"{base}/comptes/proconnect/deconnexion/"],
    )


@pytest.fixture
def proconnect(fournisseur_oidc, settings):
    """Magellan configured on the provider (as the ProConnect variables do), the provider reset for this test."""
    fournisseur_oidc.reinitialiser()
    magellan_enregistrer(fournisseur_oidc, "http://testserver")
    settings.PROCONNECT_CLIENT_ID = CLIENT_ID
    settings.PROCONNECT_CLIENT_SECRET = CLIENT_SECRET
    settings.PROCONNECT_DISCOVERY_URL = f"{fournisseur_oidc.url}/.well-known/openid-configuration"
    settings.PROCONNECT_ACR_VALUES = "eidas1"
    _client.cache_clear()
    yield fournisseur_oidc
    _client.cache_clear()


class NavigateurDuFournisseur:
    """What a browser does at the provider, with `requests` (its cookie kept), for tests with Django's client."""

    def __init__(self):
        self.session = requests.Session()

    def autoriser(self, adresse_autorisation: str, sub: str | None) -> str:
        """Open the authorization URL, choose the agent `sub` on the login page (None: an open session is
        reused); return the address the provider sends the browser back to."""
        page = self.session.get(adresse_autorisation, allow_redirects=False)
        if sub is not None:
            assert page.status_code == 200, page.text
            page = self.session.post(adresse_autorisation, data={"agent": sub}, allow_redirects=False)
        assert page.status_code == 302, page.text
        return page.headers["Location"]

    def suivre(self, adresse: str) -> str:
        reponse = self.session.get(adresse, allow_redirects=False)
        assert reponse.status_code == 302, reponse.text
        return reponse.headers["Location"]


def chemin(adresse: str) -> str:
    """The path and query of an absolute address of Magellan, for Django's test client."""
    morceaux = urlsplit(adresse)
    return f"{morceaux.path}?{morceaux.query}" if morceaux.query else morceaux.path


def parametres(adresse: str) -> dict:
    return {cle: valeurs[0] for cle, valeurs in parse_qs(urlsplit(adresse).query).items()}
