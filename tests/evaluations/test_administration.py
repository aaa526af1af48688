"""The evaluations in the coaches' admin: every list opens; a comité added there gets its session; a
promotion's delay set there moves the deadlines."""

import datetime

import pytest
from django.contrib import admin

from evaluations.factories import AtteinteObjectifFactory, PieceJointeFactory
from evaluations.models import Comite, ReglagesEvaluation

pytestmark = pytest.mark.django_db

MODELES = [f"{m._meta.app_label}/{m._meta.model_name}" for m in admin.site._registry
           if m._meta.app_label == "evaluations"]


@pytest.fixture
def donnees(comite):
    """A comité with a support (objective, file) and a rapport measuring the objective."""
    atteinte = AtteinteObjectifFactory(rapport__comite=comite, objectif__support__comite=comite)
    PieceJointeFactory(support=atteinte.objectif.support)
    return comite


@pytest.mark.parametrize("modele", MODELES)
def test_coach_ouvre_chaque_liste_et_chaque_fiche(client, equipe, donnees, modele):
    """Each list opens for a coach, with a search term, and so does the first object's page."""
    client.force_login(equipe["coach"])
    assert client.get(f"/admin/{modele}/").status_code == 200
    assert client.get(f"/admin/{modele}/?q=a").status_code == 200
    modele_admin = next(m for m in admin.site._registry if f"{m._meta.app_label}/{m._meta.model_name}" == modele)
    objet = modele_admin.objects.first()
    if objet is not None:
        assert client.get(f"/admin/{modele}/{objet.pk}/change/").status_code == 200


def test_un_comite_ajoute_dans_l_administration_a_sa_session(client, equipe):
    """Added in the admin, a comité gets its deadline, its session and the team registered."""
    client.force_login(equipe["coach"])
    phase = equipe["promotion"].phases.get(numero=3)
    reponse = client.post("/admin/evaluations/comite/add/", {
        "defi": equipe["defi"].pk, "phase": phase.pk, "debut_0": f"{phase.date_fin:%Y-%m-%d}", "debut_1": "14:00:00",
        "duree_minutes": 90, "lien_visio": "", "coachs": [equipe["coach"].pk],
    })
    assert reponse.status_code == 302, reponse.content.decode()[:2000]
    comite = Comite.objects.get(phase=phase)
    assert comite.debut - comite.echeance_support == datetime.timedelta(days=7)
    assert set(comite.session.inscriptions.values_list("personne", flat=True)) == {
        equipe["eig"].pk, equipe["porteur"].pk}
    assert list(comite.session.facilitateurs.all()) == [equipe["coach"]]


def test_le_delai_regle_dans_l_administration_deplace_les_echeances(client, equipe, comite):
    """Setting 10 days for the promotion (settings created on demand with the comité) moves the deadlines."""
    client.force_login(equipe["coach"])
    reglages = ReglagesEvaluation.objects.get(promotion=equipe["promotion"])
    assert reglages.delai_support_jours == 7
    reponse = client.post(f"/admin/evaluations/reglagesevaluation/{reglages.pk}/change/", {
        "promotion": equipe["promotion"].pk, "delai_support_jours": 10})
    assert reponse.status_code == 302
    assert ReglagesEvaluation.objects.get().delai_support_jours == 10
    comite.refresh_from_db()
    assert comite.debut - comite.echeance_support == datetime.timedelta(days=10)
