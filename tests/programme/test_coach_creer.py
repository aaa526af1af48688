"""`manage.py coach_creer`: the first coach, without any password; `createsuperuser` and `changepassword`
lead nowhere and point to it."""

import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from programme.factories import EIGFactory
from programme.models import Personne, Role

pytestmark = pytest.mark.django_db


def _lancer(*arguments):
    sortie = io.StringIO()
    call_command("coach_creer", *arguments, stdout=sortie)
    return sortie.getvalue()


def test_coach_creer_cree_un_coach_de_tout_le_programme_qui_se_connecte_par_code(
    client, django_capture_on_commit_callbacks
):
    """The command creates the person with a programme-wide coach role, says so in French and e-mails them how
    to log in by code; the admin then opens to them."""
    with django_capture_on_commit_callbacks(execute=True):
        sortie = _lancer("--email", "Responsable@Numerique.gouv.fr", "--prenom", "Alix", "--nom", "Martin")
    personne = Personne.objects.get(email="responsable@numerique.gouv.fr")
    assert "Alix Martin (responsable@numerique.gouv.fr) est coach de tout le programme" in sortie
    role = personne.roles.get()
    assert (role.type, role.promotion) == (Role.Type.COACH, None)
    assert not personne.has_usable_password() and not personne.is_staff and not personne.is_superuser
    assert [m.to for m in mail.outbox] == [["responsable@numerique.gouv.fr"]]
    assert "Vous êtes désormais coach du programme" in mail.outbox[0].body
    assert "http://testserver/comptes/login/code/" in mail.outbox[0].body
    client.force_login(personne)
    assert client.get("/admin/").status_code == 200


def test_coach_creer_retrouve_une_personne_existante_et_ne_refait_rien(django_capture_on_commit_callbacks):
    """An existing person gets the coach role next to theirs; a second run changes nothing and sends nothing."""
    eig = EIGFactory(email="eig@exemple.test", prenom="Nina", nom_usage="Roux")
    with django_capture_on_commit_callbacks(execute=True):
        _lancer("--email", "eig@exemple.test", "--prenom", "Autre", "--nom", "Nom")
        sortie = _lancer("--email", "EIG@exemple.test", "--prenom", "Autre", "--nom", "Nom")
    assert "Nina Roux (eig@exemple.test) était déjà coach de tout le programme : rien n'a changé." in sortie
    assert set(eig.roles.values_list("type", flat=True)) == {Role.Type.EIG, Role.Type.COACH}
    assert Personne.objects.count() == 1
    assert len(mail.outbox) == 1


def test_coach_creer_refuse_une_adresse_invalide_en_francais():
    """An invalid address stops the command with a French message; nobody is created."""
    with pytest.raises(CommandError, match="adresse électronique valide"):
        _lancer("--email", "pas-une-adresse", "--prenom", "Alix", "--nom", "Martin")
    assert not Personne.objects.exists()


def test_createsuperuser_renvoie_a_coach_creer_sans_rien_creer(monkeypatch):
    """`createsuperuser` creates nobody and says in French to use `coach_creer`."""
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Un-Mot-De-Passe-Solide-42")
    with pytest.raises(CommandError, match="manage.py coach_creer"):
        call_command("createsuperuser", "--noinput", "--email", "admin@exemple.test")
    assert not Personne.objects.exists()


def test_changepassword_ne_donne_aucun_mot_de_passe(monkeypatch):
    """`changepassword` sets no password: it stops on the French message pointing to `coach_creer`."""
    eig = EIGFactory(email="eig@exemple.test")
    monkeypatch.setattr("getpass.getpass", lambda *args, **kwargs: "Un-Mot-De-Passe-Solide-42")
    with pytest.raises(CommandError, match="coach_creer"):
        call_command("changepassword", "eig@exemple.test")
    eig.refresh_from_db()
    assert not eig.has_usable_password()
