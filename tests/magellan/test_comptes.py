"""Accounts: nobody adds or changes an address by themselves, nobody has a password, and an invitation gives
a role only to the mailbox that follows its link — the attack found on the demo, replayed end to end."""

import re

import pytest
from django.core import mail

from programme.factories import AlumniFactory, CoachFactory, EIGFactory
from programme.models import Personne, Role

pytestmark = pytest.mark.django_db

PAGES_RETIREES = [
    "/comptes/", "/comptes/email/", "/comptes/confirm-email/", "/comptes/password/change/",
    "/comptes/password/set/", "/comptes/password/reset/", "/comptes/password/reset/done/",
    "/comptes/password/reset/key/done/", "/comptes/password/reset/key/1-cle/", "/comptes/reauthenticate/",
]


@pytest.mark.parametrize("connecte", [False, True])
@pytest.mark.parametrize("chemin", PAGES_RETIREES)
def test_les_pages_d_adresses_et_de_mots_de_passe_n_existent_pas(client, chemin, connecte):
    """Address management, password and re-authentication pages answer 404, logged in or not."""
    if connecte:
        client.force_login(EIGFactory())
    assert client.get(chemin).status_code == 404
    assert client.post(chemin, {"email": "autre@exemple.test", "password1": "123456"}).status_code == 404


def _lien_invitation(message):
    return re.search(r"http://testserver(/invitation/[^/\s]+/)", message.body).group(1)


def test_l_attaque_de_l_alumni_ne_donne_ni_role_ni_administration(client, django_capture_on_commit_callbacks):
    """An alumni cannot add the future coach's address; the coach's invitation gives no role before the invited
    mailbox follows its link; then the role exists, for the invited person only."""
    alumni = AlumniFactory(email="alumni@exemple.test")
    coach = CoachFactory()

    client.force_login(alumni)
    assert client.post("/comptes/email/", {"email": "futur.coach@exemple.test", "action_add": ""}).status_code == 404
    assert not Personne.objects.filter(email="futur.coach@exemple.test").exists()

    client.force_login(coach)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/invitations/nouvelle/", {
            "email": "futur.coach@exemple.test", "prenom": "Sam", "nom_usage": "Futur", "promotion": "",
            "type_role": Role.Type.COACH,
        })
    invite = Personne.objects.get(email="futur.coach@exemple.test")
    assert invite != alumni
    assert not invite.roles.exists()
    for personne in (alumni, invite):
        client.force_login(personne)
        reponse = client.get("/admin/", follow=True)
        assert "Piloter le programme" not in reponse.content.decode()
        assert "L&#x27;administration est réservée aux coachs du programme." in reponse.content.decode()

    client.logout()
    client.post(_lien_invitation(mail.outbox[-1]))
    assert invite.roles.get().type == Role.Type.COACH
    assert not alumni.roles.filter(type=Role.Type.COACH).exists()
    assert client.get("/admin/").status_code == 200
    client.force_login(alumni)
    assert client.get("/admin/").status_code == 302


def test_un_compte_existant_invite_comme_coach_n_a_rien_avant_le_lien(client, django_capture_on_commit_callbacks):
    """An existing account invited as coach opens no admin until its mailbox follows the link."""
    eig = EIGFactory(email="eig@exemple.test")
    client.force_login(CoachFactory())
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/invitations/nouvelle/", {
            "email": "eig@exemple.test", "prenom": "X", "nom_usage": "Y", "promotion": "",
            "type_role": Role.Type.COACH,
        })
    client.force_login(eig)
    assert client.get("/admin/").status_code == 302
    assert not eig.roles.filter(type=Role.Type.COACH).exists()
    client.post(_lien_invitation(mail.outbox[-1]))
    assert client.get("/admin/").status_code == 200
