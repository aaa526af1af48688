"""The heures d'accélération's permission matrix: every URL of the domain, as anonymous and as each role.

Parrains log hours and delete their own entries; a défi's team (EIG, porteur, sponsor) reads the hours its
défi received, a member of another défi gets 404; coaches see everything.
"""

import pytest
from django.utils import timezone

from accompagnement.factories import HeureAccelerationFactory
from accompagnement.models import HeureAcceleration
from tests.matrice import VISITEURS, coachs_seulement, connectes


def _pour(*visiteurs, autres=403, statut=200):
    return {"anonyme": 302, **{v: statut if v in visiteurs else autres for v in VISITEURS if v != "anonyme"}}


@pytest.fixture
def objets(scenario):
    """The scenario plus an hour the parrain gave the défi."""
    return {**scenario, "heure": HeureAccelerationFactory(parrain=scenario["personnes"]["parrain"],
                                                          defi=scenario["defi"])}


EQUIPE = ("eig", "porteur", "sponsor")

MATRICE_HEURES = [
    ("mes heures", "get", lambda o: "/heures/", _pour("parrain"), None),
    ("mes heures d'un autre mois", "get", lambda o: "/heures/?mois=2024-01", _pour("parrain"), None),
    ("consigner des heures", "post", lambda o: "/heures/", _pour("parrain", statut=302),
     lambda o: {"date": timezone.localdate().isoformat(), "defi": o["defi"].pk, "duree_minutes": 30,
                "sujet": "Revue de code"}),
    ("supprimer une saisie", "post", lambda o: f"/heures/{o['heure'].pk}/supprimer/",
     _pour("parrain", "coach", autres=404, statut=302), lambda o: {}),
    ("supprimer une saisie inexistante", "post", lambda o: "/heures/999999/supprimer/", connectes(404),
     lambda o: {}),
    ("suivi des coachs", "get", lambda o: "/heures/suivi/", coachs_seulement(), None),
    ("suivi filtré", "get", lambda o: f"/heures/suivi/?promotion={o['promotion'].pk}&mois=2024-01",
     coachs_seulement(), None),
    ("heures reçues par le défi", "get", lambda o: f"/defis/{o['defi'].slug}/heures/",
     _pour("coach", *EQUIPE, autres=404), None),
    ("heures reçues par un défi non publié", "get", lambda o: f"/defis/{o['defi_cache'].slug}/heures/",
     _pour("coach", *EQUIPE, autres=404), None),
    ("heures reçues par l'autre défi", "get", lambda o: f"/defis/{o['autre_defi'].slug}/heures/",
     _pour("coach", "eig_autre", autres=404), None),
    ("heures d'un défi inexistant", "get", lambda o: "/defis/nexiste-pas/heures/", connectes(404), None),
]

CAS = [(nom, methode, url, donnees, v, attendus[v])
       for nom, methode, url, attendus, donnees in MATRICE_HEURES for v in VISITEURS]


@pytest.mark.parametrize("nom,methode,construire,donnees,visiteur,attendu", CAS, ids=[f"{c[0]}-{c[4]}" for c in CAS])
def test_matrice_des_permissions_heures(client, objets, nom, methode, construire, donnees, visiteur, attendu):
    """Each visitor gets exactly the expected status on each URL of the heures d'accélération."""
    if visiteur != "anonyme":
        client.force_login(objets["personnes"][visiteur])
    if methode == "get":
        reponse = client.get(construire(objets))
    else:
        reponse = client.post(construire(objets), donnees(objets))
    assert reponse.status_code == attendu, f"{nom} en tant que {visiteur} : {reponse.status_code} au lieu de {attendu}"


def test_supprimer_une_saisie_ne_se_fait_pas_par_un_simple_lien(client, objets):
    """Deleting is POST only: a GET by its parrain changes nothing (405)."""
    client.force_login(objets["personnes"]["parrain"])
    assert client.get(f"/heures/{objets['heure'].pk}/supprimer/").status_code == 405
    assert HeureAcceleration.objects.filter(pk=objets["heure"].pk).exists()
