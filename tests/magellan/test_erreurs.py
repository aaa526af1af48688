"""The error pages as production shows them (DEBUG off): French, in the DSFR layout, with a way back."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from programme.factories import PersonneFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.magellan.urls_erreurs")]

ATTENDUS = {
    400: "Demande incorrecte",
    403: "Vous n'avez pas accès à cette page",
    404: "Page introuvable",
    500: "Un incident est survenu",
}


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("code", sorted(ATTENDUS))
def test_chaque_page_d_erreur_est_en_francais_dans_le_dsfr_avec_un_chemin_de_retour(production, code):
    """Each error page says in French what happened, under the DSFR header, with a link back home."""
    reponse = production.get(f"/erreur/{code}/")
    page = reponse.content.decode()
    assert reponse.status_code == code
    assert ATTENDUS[code] in page
    assert f"Erreur {code}" in page
    assert 'class="fr-header"' in page
    assert "Page d'accueil" in page
    assert "Forbidden" not in page and "Not Found" not in page and "Server Error" not in page


def test_une_adresse_inconnue_montre_la_page_introuvable(production):
    """An address Magellan does not know answers the French 404 page."""
    reponse = production.get("/cette-page-n-existe-pas/")
    assert reponse.status_code == 404
    assert "Page introuvable" in reponse.content.decode()


def test_la_page_d_erreur_du_serveur_ne_lit_pas_la_base(production):
    """The 500 page renders without any database query, so a broken database still gets a proper page."""
    production.force_login(PersonneFactory())
    with CaptureQueriesContext(connection) as requetes:
        reponse = production.get("/erreur/500/")
    assert reponse.status_code == 500
    assert [q["sql"] for q in requetes] == []
    assert "Un incident est survenu" in reponse.content.decode()


def test_un_formulaire_sans_jeton_csrf_montre_la_page_d_expiration(production):
    """A form posted without its CSRF token is refused with a French page saying how to send it again."""
    client = Client(enforce_csrf_checks=True)
    reponse = client.post("/comptes/login/code/", {"email": "eig@magellan.test"})
    page = reponse.content.decode()
    assert reponse.status_code == 403
    assert "Le formulaire a expiré" in page
    assert 'class="fr-header"' in page
