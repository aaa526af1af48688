"""The migration that moves the role of an invitation to its acceptance keeps the existing data sensible."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

AVANT = [("programme", "0004_notification_derniere_tentative")]
APRES = [("programme", "0005_invitation_role_a_l_acceptation")]
ALLAUTH = [("account", "0009_emailaddress_unique_primary_email")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("schema_remis_a_jour")
def test_les_invitations_existantes_gardent_leur_role_et_les_adresses_ajoutees_disparaissent():
    """Each invitation names the role it offered; an accepted one keeps the role given, a pending one gives none
    yet (the role already created stays); an address a person added by themselves no longer opens their
    account, their own address still does."""
    executor = MigrationExecutor(connection)
    executor.migrate(AVANT)
    anciennes = executor.loader.project_state(AVANT + ALLAUTH).apps
    Personne = anciennes.get_model("programme", "Personne")
    Promotion = anciennes.get_model("programme", "Promotion")
    Role = anciennes.get_model("programme", "Role")
    Invitation = anciennes.get_model("programme", "Invitation")
    EmailAddress = anciennes.get_model("account", "EmailAddress")
    promotion = Promotion.objects.create(nom="Promotion 9")
    alumni = Personne.objects.create(email="futur.coach@exemple.test", prenom="Alex", password="!")
    EmailAddress.objects.create(user=alumni, email="alumni@exemple.test", primary=False, verified=True)
    EmailAddress.objects.create(user=alumni, email="futur.coach@exemple.test", primary=True, verified=False)
    porteuse = Personne.objects.create(email="lea@exemple.test", prenom="Léa", password="!")
    expiration = timezone.now() + datetime.timedelta(days=14)
    acceptee = Invitation.objects.create(
        personne=porteuse, role=Role.objects.create(personne=porteuse, promotion=promotion, type="porteur"),
        jeton_hache="a", expire_le=expiration, acceptee_le=timezone.now(),
    )
    en_attente = Invitation.objects.create(
        personne=alumni, role=Role.objects.create(personne=alumni, promotion=None, type="coach"),
        jeton_hache="b", expire_le=expiration,
    )

    executor = MigrationExecutor(connection)
    executor.migrate(APRES)
    nouvelles = executor.loader.project_state(APRES + ALLAUTH).apps
    Invitation = nouvelles.get_model("programme", "Invitation")
    EmailAddress = nouvelles.get_model("account", "EmailAddress")
    Role = nouvelles.get_model("programme", "Role")
    acceptee = Invitation.objects.get(pk=acceptee.pk)
    assert (acceptee.email, acceptee.promotion_id, acceptee.type_role) == ("lea@exemple.test", promotion.pk, "porteur")
    assert acceptee.role_id is not None
    en_attente = Invitation.objects.get(pk=en_attente.pk)
    assert (en_attente.email, en_attente.promotion_id, en_attente.type_role) == (
        "futur.coach@exemple.test", None, "coach"
    )
    assert en_attente.role_id is None
    assert Role.objects.filter(personne_id=alumni.pk, type="coach").exists()
    assert list(EmailAddress.objects.filter(user_id=alumni.pk).values_list("email", flat=True)) == [
        "futur.coach@exemple.test"
    ]
