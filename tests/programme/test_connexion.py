"""Login by a code sent by e-mail; no password, no open sign-up; log out; session expiry."""

import re

import pytest
from django.core import mail

from programme.factories import EIGFactory

pytestmark = pytest.mark.django_db


def _demander_code(client, email):
    return client.post("/comptes/login/code/", {"email": email}, follow=True)


def test_connexion_par_code_recu_par_email(client):
    """A known person types their address, receives a code, types it and lands in their space."""
    eig = EIGFactory(email="eig@exemple.test")
    reponse = _demander_code(client, "eig@exemple.test")
    assert "Saisir le code de connexion" in reponse.content.decode()
    assert len(mail.outbox) == 1
    assert "Voici votre code de connexion à Magellan" in mail.outbox[0].body
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", mail.outbox[0].body).group(1)
    assert code in mail.outbox[0].subject
    reponse = client.post("/comptes/login/code/confirm/", {"code": code}, follow=True)
    assert reponse.redirect_chain[-1][0] == "/espace/"
    assert int(client.session["_auth_user_id"]) == eig.pk


def test_mauvais_code_donne_une_erreur_en_francais(client):
    """A wrong code is refused with a French message and the person can try again."""
    EIGFactory(email="eig@exemple.test")
    _demander_code(client, "eig@exemple.test")
    reponse = client.post("/comptes/login/code/confirm/", {"code": "ZZZZZZ"})
    page = reponse.content.decode()
    assert reponse.status_code == 200
    assert '<p class="fr-error-text" id="id_code-erreurs">Code incorrect.</p>' in page
    assert 'value="ZZZZZZ"' in page
    assert "_auth_user_id" not in client.session


def test_adresse_inconnue_ne_revele_rien_et_ne_recoit_aucun_code(client):
    """An unknown address sees the same code page (no account enumeration); its mailbox learns there is no account."""
    reponse = _demander_code(client, "inconnu@exemple.test")
    assert "Saisir le code de connexion" in reponse.content.decode()
    assert [m.to for m in mail.outbox] == [["inconnu@exemple.test"]]
    assert "aucun compte n'y correspond" in mail.outbox[0].body
    assert not re.search(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b", mail.outbox[0].body)


def test_pas_d_inscription_libre(client):
    """The sign-up page says access is by invitation only and creates nobody."""
    reponse = client.get("/comptes/signup/")
    assert "Inscription sur invitation" in reponse.content.decode()


def test_page_de_connexion_par_mot_de_passe_renvoie_vers_le_code(client):
    """The password login URL sends to the code login, keeping where the person was going."""
    reponse = client.get("/comptes/login/?next=/espace/")
    assert reponse.status_code == 302
    assert reponse["Location"] == "/comptes/login/code/?next=/espace/"


def test_deconnexion(client):
    """Logging out ends the session and brings back to the home page."""
    client.force_login(EIGFactory())
    reponse = client.post("/comptes/logout/", follow=True)
    assert reponse.redirect_chain[-1][0] == "/"
    assert "_auth_user_id" not in client.session


def test_session_expire(client, settings):
    """The session lasts SESSION_COOKIE_AGE (8 h by default), then the space asks to log in again."""
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    client.force_login(EIGFactory())
    session = client.session
    session.set_expiry(-1)
    session.save()
    reponse = client.get("/espace/")
    assert reponse.status_code == 302 and reponse["Location"].startswith("/comptes/login/code/")
