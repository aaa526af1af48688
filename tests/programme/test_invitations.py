"""A coach invites an address to a role; the role is given when the e-mail's link is followed, and the person
lands in their space."""

import re

import pytest
from django.core import mail

from programme.factories import CoachFactory, PersonneFactory, PromotionFactory
from programme.models import Invitation, Personne, Role

pytestmark = pytest.mark.django_db


def _lien(message):
    return re.search(r"http://testserver(/invitation/[^/\s]+/)", message.body).group(1)


@pytest.fixture
def coach():
    return CoachFactory()


def test_coach_invite_une_personne_qui_recoit_un_email_en_francais(client, coach, django_capture_on_commit_callbacks):
    """The invited person gets one French e-mail, text and HTML, naming their role and promotion."""
    promotion = PromotionFactory(nom="Promotion 9")
    client.force_login(coach)
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post("/invitations/nouvelle/", {
            "email": "Lea.Martin@Justice.gouv.fr", "prenom": "Léa", "nom_usage": "Martin",
            "promotion": promotion.pk, "type_role": Role.Type.PORTEUR,
        }, follow=True)
    assert "Invitation envoyée à lea.martin@justice.gouv.fr" in reponse.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lea.martin@justice.gouv.fr"]
    assert "Bonjour Léa" in message.body and "porteur ou porteuse de projet de la Promotion 9" in message.body
    assert message.alternatives and "Accéder à mon espace" in message.alternatives[0][0]
    personne = Personne.objects.get(email="lea.martin@justice.gouv.fr")
    assert not personne.roles.exists()
    invitation = Invitation.objects.get(personne=personne)
    assert (invitation.promotion, invitation.type_role, invitation.role) == (promotion, Role.Type.PORTEUR, None)


def test_lien_d_invitation_connecte_et_mene_a_mon_espace(client, coach, django_capture_on_commit_callbacks):
    """Following the link gives the role, logs the person in and shows their space with their role and
    promotion."""
    promotion = PromotionFactory(nom="Promotion 9")
    client.force_login(coach)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/invitations/nouvelle/", {
            "email": "nina@exemple.test", "prenom": "Nina", "nom_usage": "Roux",
            "promotion": promotion.pk, "type_role": Role.Type.EIG,
        })
    client.logout()
    reponse = client.post(_lien(mail.outbox[0]), follow=True)
    page = reponse.content.decode()
    assert reponse.redirect_chain[-1][0] == "/espace/"
    assert "Bienvenue dans Magellan, Nina" in page
    assert "Promotion 9" in page and "EIG" in page
    role = Personne.objects.get(email="nina@exemple.test").roles.get()
    assert (role.promotion, role.type) == (promotion, Role.Type.EIG)
    assert Invitation.objects.get().role == role


def test_ouvrir_le_lien_d_invitation_demande_confirmation_sans_l_utiliser(
    client, coach, django_capture_on_commit_callbacks
):
    """Opening the link (as a mail scanner does) shows a confirmation page with the role offered; it gives no
    role and logs nobody in, so the button still works afterwards."""
    client.force_login(coach)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/invitations/nouvelle/", {
            "email": "nina@exemple.test", "prenom": "Nina", "nom_usage": "Roux", "promotion": "",
            "type_role": Role.Type.ALUMNI,
        })
    lien = _lien(mail.outbox[0])
    client.logout()
    for _ in range(2):
        reponse = client.get(lien)
        assert reponse.status_code == 200
        assert "Accepter l'invitation" in reponse.content.decode()
        assert "Alumni · tout le programme" in reponse.content.decode()
    assert Invitation.objects.get().acceptee_le is None
    assert "_auth_user_id" not in client.session
    assert client.post(lien).url == "/espace/"
    assert Personne.objects.get(email="nina@exemple.test").roles.get().type == Role.Type.ALUMNI


def test_lien_d_invitation_ne_sert_qu_une_fois(client, coach, django_capture_on_commit_callbacks):
    """A second use of the same link is refused with an explanation, and nobody is logged in."""
    client.force_login(coach)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/invitations/nouvelle/", {
            "email": "nina@exemple.test", "prenom": "Nina", "nom_usage": "Roux", "promotion": "",
            "type_role": Role.Type.ALUMNI,
        })
    lien = _lien(mail.outbox[0])
    client.logout()
    client.post(lien)
    client.logout()
    reponse = client.post(lien)
    assert reponse.status_code == 410
    assert "n'est plus valable" in reponse.content.decode()
    assert "_auth_user_id" not in client.session


def test_invitation_expiree_refusee(client, coach, django_capture_on_commit_callbacks):
    """An invitation past its expiry date no longer opens the space, and gives no role."""
    from django.utils import timezone

    from programme import services

    personne = PersonneFactory(email="tard@exemple.test")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_creer(personne, promotion=None, type_role=Role.Type.ALUMNI, par=coach)
    Invitation.objects.filter(pk=invitation.pk).update(expire_le=timezone.now())
    reponse = client.post(_lien(mail.outbox[0]))
    assert reponse.status_code == 410
    assert Invitation.objects.get(pk=invitation.pk).acceptee_le is None
    assert not personne.roles.exists()


def test_invitation_a_une_adresse_changee_depuis_ne_sert_plus(client, coach, django_capture_on_commit_callbacks):
    """Once a coach changed the person's address, the link sent to the former one opens nothing and gives no
    role."""
    from programme import services

    personne = PersonneFactory(email="ancienne@exemple.test")
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_creer(personne, promotion=None, type_role=Role.Type.ALUMNI, par=coach)
    personne.email = "nouvelle@exemple.test"
    personne.save()
    reponse = client.post(_lien(mail.outbox[0]))
    assert reponse.status_code == 410
    assert "_auth_user_id" not in client.session
    assert not personne.roles.exists()


def test_invitation_a_une_adresse_invalide_garde_la_saisie(client, coach):
    """An invalid address gets a clear French error; everything typed stays in the form; nothing is sent."""
    promotion = PromotionFactory()
    client.force_login(coach)
    reponse = client.post("/invitations/nouvelle/", {
        "email": "lea.martin@", "prenom": "Léa", "nom_usage": "Martin-Dupré",
        "promotion": promotion.pk, "type_role": Role.Type.SPONSOR,
    })
    page = reponse.content.decode()
    assert reponse.status_code == 200
    assert "Saisissez une adresse électronique valide" in page
    assert 'value="lea.martin@"' in page and 'value="Martin-Dupré"' in page
    assert f'value="{promotion.pk}" selected' in page and 'value="sponsor" selected' in page
    assert 'class="fr-error-text"' in page and "fr-input-group--error" in page
    assert mail.outbox == []
    assert not Personne.objects.filter(nom_usage="Martin-Dupré").exists()


def test_inviter_une_personne_existante_ajoute_un_role_sans_doublon(client, coach, django_capture_on_commit_callbacks):
    """Inviting a known address (any case) invites the same person; the role joins theirs when the link is
    followed, not before."""
    promo_a, promo_b = PromotionFactory(), PromotionFactory()
    personne = PersonneFactory(email="jean@exemple.test")
    Role.objects.create(personne=personne, promotion=promo_a, type=Role.Type.EIG)
    client.force_login(coach)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/invitations/nouvelle/", {
            "email": "JEAN@exemple.test", "prenom": "Jean", "nom_usage": "X", "promotion": promo_b.pk,
            "type_role": Role.Type.COACH,
        })
    assert Personne.objects.filter(email__iexact="jean@exemple.test").count() == 1
    assert set(personne.roles.values_list("type", flat=True)) == {Role.Type.EIG}
    client.logout()
    client.post(_lien(mail.outbox[0]))
    assert set(personne.roles.values_list("type", flat=True)) == {Role.Type.EIG, Role.Type.COACH}


def test_inviter_a_un_role_deja_tenu_repond_en_francais_et_garde_la_saisie(client, coach):
    """Inviting a person to a role they already hold says so in French, keeps what was typed, sends nothing."""
    promotion = PromotionFactory(nom="Promotion 9")
    personne = PersonneFactory(email="jean@exemple.test", prenom="Jean", nom_usage="Valjean")
    Role.objects.create(personne=personne, promotion=promotion, type=Role.Type.EIG)
    client.force_login(coach)
    reponse = client.post("/invitations/nouvelle/", {
        "email": "jean@exemple.test", "prenom": "Jean", "nom_usage": "Valjean", "promotion": promotion.pk,
        "type_role": Role.Type.EIG,
    })
    page = reponse.content.decode()
    assert reponse.status_code == 200
    assert "Jean Valjean a déjà ce rôle (EIG · Promotion 9)" in page
    assert 'value="jean@exemple.test"' in page and 'value="eig" selected' in page
    assert mail.outbox == [] and not Invitation.objects.exists()


def test_inviter_un_compte_desactive_repond_en_francais(client, coach):
    """Inviting the address of a deactivated account says so in French and sends nothing."""
    PersonneFactory(email="partie@exemple.test", prenom="Léa", nom_usage="Martin", is_active=False)
    client.force_login(coach)
    reponse = client.post("/invitations/nouvelle/", {
        "email": "partie@exemple.test", "prenom": "Léa", "nom_usage": "Martin", "promotion": "",
        "type_role": Role.Type.ALUMNI,
    })
    assert "Le compte de Léa Martin est désactivé : réactivez-le dans l&#x27;administration" in reponse.content.decode()
    assert mail.outbox == [] and not Invitation.objects.exists()


def test_une_invitation_renvoyee_avant_acceptation_est_acceptee(client, coach, django_capture_on_commit_callbacks):
    """A pending invitation can be sent again from the form; the new link gives the role."""
    client.force_login(coach)
    donnees = {"email": "nina@exemple.test", "prenom": "Nina", "nom_usage": "Roux", "promotion": "",
               "type_role": Role.Type.ALUMNI}
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/invitations/nouvelle/", donnees)
        reponse = client.post("/invitations/nouvelle/", donnees, follow=True)
    assert "Invitation envoyée à nina@exemple.test (Alumni · tout le programme)" in reponse.content.decode()
    client.logout()
    client.post(_lien(mail.outbox[1]))
    assert Personne.objects.get(email="nina@exemple.test").roles.get().type == Role.Type.ALUMNI


def test_action_d_administration_envoie_les_invitations(client, coach, django_capture_on_commit_callbacks):
    """From the admin's list of roles, a coach invites the selected people; one without e-mail is named."""
    promotion = PromotionFactory()
    avec = Role.objects.create(personne=PersonneFactory(email="a@exemple.test"), promotion=promotion, type="eig")
    sans = Role.objects.create(personne=PersonneFactory(email=None, prenom="Sans", nom_usage="Adresse"),
                               promotion=promotion, type="eig")
    client.force_login(coach)
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post("/admin/programme/role/", {
            "action": "inviter", "_selected_action": [avec.pk, sans.pk],
        }, follow=True)
    page = reponse.content.decode()
    assert [m.to for m in mail.outbox] == [["a@exemple.test"]]
    assert "1 invitation(s) envoyée(s)" in page
    assert "Sans Adresse n&#x27;a pas d&#x27;adresse électronique" in page
