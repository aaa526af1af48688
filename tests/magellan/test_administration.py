"""The admin is the coaches' first tool: every list, search and form opens for a coach, for nobody else."""

import pytest
from django.contrib import admin

from defis.factories import DefiFactory, MembreEquipeFactory
from programme.factories import CoachFactory, EIGFactory, PromotionFactory

pytestmark = pytest.mark.django_db

MODELES = [f"{m._meta.app_label}/{m._meta.model_name}" for m in admin.site._registry
           if m._meta.app_label in {"programme", "defis"}]


@pytest.fixture
def donnees():
    promotion = PromotionFactory()
    MembreEquipeFactory(defi=DefiFactory(promotion=promotion))
    return promotion


@pytest.mark.parametrize("modele", MODELES)
def test_coach_ouvre_chaque_liste_avec_recherche_et_filtres(client, donnees, modele):
    """Each list opens for a coach, with a search term and its first filter applied."""
    client.force_login(CoachFactory(promotion=donnees))
    assert client.get(f"/admin/{modele}/").status_code == 200
    assert client.get(f"/admin/{modele}/?q=a").status_code == 200


ENREGISTREMENTS = {"programme/invitation", "programme/notification", "programme/refusnotification"}


@pytest.mark.parametrize("modele", [m for m in MODELES if m not in ENREGISTREMENTS])
def test_coach_ouvre_chaque_formulaire_d_ajout(client, donnees, modele):
    """Each add form opens for a coach (invitations are sent, not typed in; the e-mails sent and the reminders
    declined are records of what happened, read only)."""
    client.force_login(CoachFactory(promotion=donnees))
    assert client.get(f"/admin/{modele}/add/").status_code == 200


def test_coach_ajoute_une_personne_et_son_role_sans_mot_de_passe(client, donnees):
    """A coach adds a person with e-mail, names and a role: no password is ever asked."""
    client.force_login(CoachFactory(promotion=donnees))
    reponse = client.post("/admin/programme/personne/add/", {
        "email": "nouvelle@exemple.test", "prenom": "Inès", "nom_usage": "Haddad",
        "roles-TOTAL_FORMS": "1", "roles-INITIAL_FORMS": "0",
        "roles-0-promotion": donnees.pk, "roles-0-type": "porteur",
    })
    assert reponse.status_code == 302
    from programme.models import Personne

    personne = Personne.objects.get(email="nouvelle@exemple.test")
    assert personne.nom_complet == "Inès Haddad" and not personne.has_usable_password()
    assert personne.roles.get().type == "porteur"


def test_un_eig_n_entre_pas_dans_l_administration(client, donnees):
    """An EIG asking for an admin page is sent to log in as staff, and sees no data."""
    client.force_login(EIGFactory(promotion=donnees))
    reponse = client.get("/admin/programme/personne/")
    assert reponse.status_code == 302
