"""The admin site: it opens to coaches by their role, never shows a password form, grants no free flag, and
answers every conflict in French; a change of address is traced and followed by the login by code."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.admin.models import LogEntry
from django.core import mail

from programme.factories import CoachFactory, EIGFactory, PersonneFactory, PromotionFactory
from programme.models import Personne, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach():
    return CoachFactory(prenom="Camille", nom_usage="Coach")


@pytest.mark.parametrize("visiteur", ["anonyme", "eig", "coach"])
def test_la_connexion_de_l_administration_ne_montre_jamais_de_mot_de_passe(client, visiteur):
    """/admin/login/ never shows a password field, whoever asks, even when the pages it leads to are followed."""
    if visiteur != "anonyme":
        client.force_login(CoachFactory() if visiteur == "coach" else EIGFactory())
    reponse = client.get("/admin/login/", follow=True)
    assert reponse.status_code == 200
    assert 'type="password"' not in reponse.content.decode()


def test_un_visiteur_est_envoye_a_la_connexion_par_code_et_revient_a_sa_page(client):
    """An anonymous visitor of an admin page is sent to the login by code, which brings them back there."""
    reponse = client.get("/admin/programme/personne/", follow=True)
    assert reponse.redirect_chain[-1][0] == "/comptes/login/code/?next=%2Fadmin%2Fprogramme%2Fpersonne%2F"
    assert "Adresse électronique" in reponse.content.decode()


@pytest.mark.parametrize("suite", ["https://pirate.example/", "//pirate.example/", "/admin/login/"])
def test_la_connexion_de_l_administration_ne_renvoie_qu_a_une_page_du_site(client, suite):
    """A `next` pointing elsewhere (or back to the same page) is replaced by the admin's home."""
    reponse = client.get("/admin/login/", {"next": suite})
    assert reponse["Location"] == "/comptes/login/code/?next=%2Fadmin%2F"


def test_un_coach_connecte_va_directement_a_l_administration(client, coach):
    """A coach on /admin/login/ goes straight to where they were going."""
    client.force_login(coach)
    reponse = client.get("/admin/login/?next=/admin/programme/promotion/")
    assert reponse["Location"] == "/admin/programme/promotion/"


def test_un_drapeau_d_equipe_sans_role_de_coach_n_ouvre_pas_l_administration(client):
    """A person with `is_staff` (and even `is_superuser`) but no coach role gets no admin page, and is told why."""
    personne = EIGFactory(is_staff=True, is_superuser=True)
    client.force_login(personne)
    reponse = client.get("/admin/programme/personne/", follow=True)
    page = reponse.content.decode()
    assert reponse.redirect_chain[-1][0] == "/espace/"
    assert "L&#x27;administration est réservée aux coachs du programme." in page
    assert "Piloter le programme" not in page


def test_le_drapeau_de_super_utilisateur_ne_donne_aucune_permission(client):
    """Set from a shell, `is_superuser` still grants nothing: the coaches' pages ask the rules and answer 403."""
    personne = EIGFactory(is_staff=True, is_superuser=True)
    client.force_login(personne)
    assert not personne.has_perm("programme.inviter")
    assert client.get("/invitations/nouvelle/").status_code == 403
    assert client.get("/heures/suivi/").status_code == 403


def test_un_coach_ouvre_l_administration_par_son_role(client, coach):
    """A coach (no flag at all) opens the admin's home and sees the programme's models."""
    client.force_login(coach)
    reponse = client.get("/admin/")
    assert reponse.status_code == 200
    assert "Piloter le programme" in reponse.content.decode()


def test_l_administration_n_a_pas_de_changement_de_mot_de_passe(client, coach):
    """The admin's password change pages do not exist, nor does a person's password form."""
    client.force_login(coach)
    assert client.get("/admin/password_change/").status_code == 404
    assert client.get("/admin/password_change/done/").status_code == 404
    reponse = client.get(f"/admin/programme/personne/{coach.pk}/password/", follow=True)
    assert 'type="password"' not in reponse.content.decode()


def test_la_fiche_d_une_personne_ne_propose_aucun_drapeau_ni_mot_de_passe(client, coach):
    """A person's admin form has no password, staff, superuser, group or permission field."""
    client.force_login(coach)
    page = client.get(f"/admin/programme/personne/{coach.pk}/change/").content.decode()
    assert 'name="email"' in page and 'name="is_active"' in page
    for champ in ("password", "is_staff", "is_superuser", "groups", "user_permissions"):
        assert f'name="{champ}"' not in page


def _fiche(personne, **changements):
    donnees = {
        "email": personne.email or "", "prenom": personne.prenom, "nom_usage": personne.nom_usage, "slug": "",
        "fonction": "", "image": "", "linkedin": "", "github": "", "presentation": "", "is_active": "on",
        "roles-TOTAL_FORMS": "0", "roles-INITIAL_FORMS": "0",
    }
    return {**donnees, **changements}


def test_un_coach_ne_peut_pas_se_donner_un_drapeau_en_le_postant(client, coach):
    """Posting is_staff or is_superuser with a person's form changes nothing."""
    eig = EIGFactory()
    client.force_login(coach)
    reponse = client.post(f"/admin/programme/personne/{eig.pk}/change/",
                          _fiche(eig, is_staff="on", is_superuser="on"))
    assert reponse.status_code == 302
    eig.refresh_from_db()
    assert not eig.is_staff and not eig.is_superuser


@pytest.mark.parametrize("saisie", ["deja@exemple.test", "DEJA@Exemple.test"])
def test_une_adresse_deja_prise_est_refusee_en_francais_et_la_saisie_gardee(client, coach, saisie):
    """Giving a person an address someone else holds (in any case) is refused in French; the form keeps what
    was typed; nothing changes."""
    PersonneFactory(email="deja@exemple.test")
    eig = EIGFactory(email="eig@exemple.test")
    client.force_login(coach)
    reponse = client.post(f"/admin/programme/personne/{eig.pk}/change/",
                          _fiche(eig, email=saisie, fonction="Développeuse"))
    page = reponse.content.decode()
    assert reponse.status_code == 200
    assert "Cette adresse électronique est déjà celle d&#x27;une autre personne." in page
    assert 'value="Développeuse"' in page
    eig.refresh_from_db()
    assert eig.email == "eig@exemple.test"


def test_une_personne_ajoutee_avec_une_adresse_prise_est_refusee_en_francais(client, coach):
    """Adding a person with an address already held answers a French error, not a 500."""
    PersonneFactory(email="deja@exemple.test")
    client.force_login(coach)
    reponse = client.post("/admin/programme/personne/add/", {
        "email": "Deja@exemple.test", "prenom": "Inès", "nom_usage": "Haddad",
        "roles-TOTAL_FORMS": "0", "roles-INITIAL_FORMS": "0",
    })
    page = reponse.content.decode()
    assert reponse.status_code == 200
    assert "Cette adresse électronique est déjà celle d&#x27;une autre personne." in page
    assert 'value="Haddad"' in page
    assert not Personne.objects.filter(nom_usage="Haddad").exists()


def test_un_changement_d_adresse_est_trace_et_suivi_par_la_connexion(client, coach):
    """A coach changes an address: the history names who did it, the former and the new address; the former
    address no longer receives a login code, the new one does."""
    eig = EIGFactory(email="ancienne@exemple.test", prenom="Nina", nom_usage="Roux")
    EmailAddress.objects.create(user=eig, email="ancienne@exemple.test", primary=True, verified=True)
    client.force_login(coach)
    reponse = client.post(f"/admin/programme/personne/{eig.pk}/change/",
                          _fiche(eig, email="Nouvelle@Exemple.test"))
    assert reponse.status_code == 302
    historique = client.get(f"/admin/programme/personne/{eig.pk}/history/").content.decode()
    assert "Camille Coach" in historique
    assert "« ancienne@exemple.test » → « nouvelle@exemple.test »" in historique
    assert LogEntry.objects.get(object_id=str(eig.pk)).user == coach
    assert list(EmailAddress.objects.filter(user=eig).values_list("email", flat=True)) == ["nouvelle@exemple.test"]

    client.logout()
    client.post("/comptes/login/code/", {"email": "ancienne@exemple.test"})
    assert "aucun compte n'y correspond" in mail.outbox[-1].body
    client.cookies.clear()
    client.post("/comptes/login/code/", {"email": "nouvelle@exemple.test"})
    assert re.search(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b", mail.outbox[-1].body)


def test_un_role_en_double_est_refuse_en_francais(client, coach):
    """Adding a role a person already holds, in a promotion or programme-wide, is refused in French."""
    promotion = PromotionFactory()
    eig = EIGFactory(promotion=promotion)
    Role.objects.create(personne=eig, promotion=None, type=Role.Type.ALUMNI)
    client.force_login(coach)
    for promotion_saisie, attendu in [(promotion.pk, "dans cette promotion"), ("", "dans tout le programme")]:
        type_role = Role.Type.EIG if promotion_saisie else Role.Type.ALUMNI
        reponse = client.post("/admin/programme/role/add/", {
            "personne": eig.pk, "promotion": promotion_saisie, "type": type_role,
        })
        assert reponse.status_code == 200
        assert f"Cette personne a déjà ce rôle {attendu}." in reponse.content.decode()
    assert eig.roles.count() == 2


@pytest.mark.parametrize("deja_tenu", [False, True])
def test_un_role_en_double_dans_la_fiche_est_refuse_en_francais(client, coach, deja_tenu):
    """In a person's form, adding a programme-wide role twice, or one they already hold, answers a French
    error, not a 500."""
    eig = EIGFactory(prenom="Nina", nom_usage="Roux")
    if deja_tenu:
        Role.objects.create(personne=eig, promotion=None, type=Role.Type.ALUMNI)
    client.force_login(coach)
    lignes = {"roles-TOTAL_FORMS": "2", "roles-0-promotion": "", "roles-0-type": "alumni",
              "roles-1-promotion": "", "roles-1-type": "alumni"}
    if deja_tenu:
        lignes = {"roles-TOTAL_FORMS": "1", "roles-0-promotion": "", "roles-0-type": "alumni"}
    reponse = client.post(f"/admin/programme/personne/{eig.pk}/change/", _fiche(eig, **lignes))
    page = reponse.content.decode()
    assert reponse.status_code == 200
    attendu = "Nina Roux a déjà le rôle Alumni · tout le programme." if deja_tenu else (
        "Le rôle Alumni · tout le programme figure deux fois : gardez-en un seul.")
    assert attendu in page
    assert eig.roles.filter(type=Role.Type.ALUMNI).count() == int(deja_tenu)
