"""A coach invites a person with a role; the person follows the e-mail's link and lands in their space."""

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
    assert personne.roles.get().type == Role.Type.PORTEUR


def test_lien_d_invitation_connecte_et_mene_a_mon_espace(client, coach, django_capture_on_commit_callbacks):
    """Following the link logs the person in and shows their space with their role and promotion."""
    promotion = PromotionFactory(nom="Promotion 9")
    client.force_login(coach)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/invitations/nouvelle/", {
            "email": "nina@exemple.test", "prenom": "Nina", "nom_usage": "Roux",
            "promotion": promotion.pk, "type_role": Role.Type.EIG,
        })
    client.logout()
    reponse = client.get(_lien(mail.outbox[0]), follow=True)
    page = reponse.content.decode()
    assert reponse.redirect_chain[-1][0] == "/espace/"
    assert "Bienvenue dans Magellan, Nina" in page
    assert "Promotion 9" in page and "EIG" in page


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
    client.get(lien)
    client.logout()
    reponse = client.get(lien)
    assert reponse.status_code == 410
    assert "n'est plus valable" in reponse.content.decode()
    assert "_auth_user_id" not in client.session


def test_invitation_expiree_refusee(client, coach):
    """An invitation past its expiry date no longer opens the space."""
    from django.utils import timezone

    from programme import services

    personne = PersonneFactory(email="tard@exemple.test")
    role = Role.objects.create(personne=personne, promotion=None, type=Role.Type.ALUMNI)
    invitation = services.invitation_creer(role, par=coach)
    Invitation.objects.filter(pk=invitation.pk).update(expire_le=timezone.now())
    assert services.invitation_accepter("n'importe quoi") is None
    assert Invitation.objects.get(pk=invitation.pk).acceptee_le is None


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
    """Inviting a known address (any case) adds the role to the same person."""
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
    assert set(personne.roles.values_list("type", flat=True)) == {Role.Type.EIG, Role.Type.COACH}
    personne.refresh_from_db()
    assert personne.is_staff


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
