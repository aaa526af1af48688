"""The mentorat's permission matrix: every URL of the domain, as anonymous and as each role.

Mentors are the coaches (mentorat individuel) and the parrains (the specialists' mentorat): they publish slots
and see their mentorés. EIG book both kinds of cycle, porteurs mentorat individuel only. A cycle is seen and
cancelled by its demandeur, its mentor and the coaches; for anyone else it does not exist (404).
"""

import pytest

from accompagnement.factories import CreneauFactory, CycleFactory
from accompagnement.selectors.mentorat import valeur_de_cycle
from tests.matrice import VISITEURS, coachs_seulement, connectes

from .outils_mentorat import a_paris, lundi, serie


def _pour(*visiteurs, autres=403, statut=200):
    return {"anonyme": 302, **{v: statut if v in visiteurs else autres for v in VISITEURS if v != "anonyme"}}


@pytest.fixture
def objets(scenario):
    """The scenario plus free weekly slots of the coach, a cycle of the EIG with the coach (individuel) and
    one with the parrain (the specialists' mentorat), and a free slot of each mentor."""
    personnes = scenario["personnes"]
    coach, parrain, eig = personnes["coach"], personnes["parrain"], personnes["eig"]
    libres = serie(coach, a_paris(lundi(), 10))
    return {
        **scenario,
        "cycle_libre": valeur_de_cycle(coach.pk, libres),
        "cycle_coach": CycleFactory(demandeur=eig, mentor=coach),
        "cycle_parrain": CycleFactory(demandeur=eig, mentor=parrain, type="mentorat"),
        "creneau_coach": CreneauFactory(mentor=coach, debut=a_paris(lundi(2), 7)),
        "creneau_parrain": CreneauFactory(mentor=parrain, type="mentorat", debut=a_paris(lundi(2), 7)),
    }


def _seance(objets, cle="cycle_coach"):
    return objets[cle].reservations.order_by("creneau__debut").first().pk


DEMANDEURS_INDIVIDUEL = ("eig", "porteur", "eig_autre")
DEMANDEURS_SPECIALISTES = ("eig", "eig_autre")
MENTORS = ("coach", "parrain")

MATRICE_MENTORAT = [
    ("mentorat", "get", lambda o: "/mentorat/", connectes(200), None),
    ("offre individuelle", "get", lambda o: "/mentorat/reserver/individuel/",
     _pour("coach", *DEMANDEURS_INDIVIDUEL), None),
    ("offre des spécialistes", "get", lambda o: "/mentorat/reserver/mentorat/",
     _pour("coach", *DEMANDEURS_SPECIALISTES), None),
    ("offre d'un type inconnu", "get", lambda o: "/mentorat/reserver/inconnu/", connectes(404), None),
    ("réserver un cycle individuel", "post", lambda o: "/mentorat/reserver/individuel/",
     _pour(*DEMANDEURS_INDIVIDUEL, statut=302),
     lambda o: {"cycle": o["cycle_libre"], "besoins": "Mes besoins."}),
    ("mes cycles", "get", lambda o: "/mentorat/mes-cycles/", _pour(*DEMANDEURS_INDIVIDUEL), None),
    ("mes mentorés", "get", lambda o: "/mentorat/mes-mentores/", _pour(*MENTORS), None),
    ("tous les cycles", "get", lambda o: "/mentorat/cycles/", coachs_seulement(), None),
    ("cycle individuel", "get", lambda o: f"/mentorat/cycles/{o['cycle_coach'].pk}/",
     _pour("coach", "eig", autres=404), None),
    ("cycle des spécialistes", "get", lambda o: f"/mentorat/cycles/{o['cycle_parrain'].pk}/",
     _pour("coach", "eig", "parrain", autres=404), None),
    ("cycle inexistant", "get", lambda o: "/mentorat/cycles/999999/", connectes(404), None),
    ("annuler un cycle", "post", lambda o: f"/mentorat/cycles/{o['cycle_parrain'].pk}/annuler/",
     _pour("coach", "eig", "parrain", autres=404, statut=302), lambda o: {}),
    ("annuler une séance", "post", lambda o: f"/mentorat/seances/{_seance(o)}/annuler/",
     _pour("coach", "eig", autres=404, statut=302), lambda o: {}),
    ("mes créneaux", "get", lambda o: "/mentorat/creneaux/", _pour(*MENTORS), None),
    ("publier un créneau individuel", "post", lambda o: "/mentorat/creneaux/",
     {**_pour("coach", statut=302), "parrain": 200},
     lambda o: {"type_mentorat": "individuel", "jour": lundi(3).isoformat(), "heure": "07:00",
                "duree_minutes": "60", "lieu": "Salle Ségur"}),
    ("retirer un créneau du coach", "post", lambda o: f"/mentorat/creneaux/{o['creneau_coach'].pk}/supprimer/",
     _pour("coach", autres=404, statut=302), lambda o: {}),
    ("retirer un créneau du parrain", "post", lambda o: f"/mentorat/creneaux/{o['creneau_parrain'].pk}/supprimer/",
     _pour("coach", "parrain", autres=404, statut=302), lambda o: {}),
]

CAS = [(nom, methode, url, donnees, v, attendus[v])
       for nom, methode, url, attendus, donnees in MATRICE_MENTORAT for v in VISITEURS]


@pytest.mark.parametrize("nom,methode,construire,donnees,visiteur,attendu", CAS, ids=[f"{c[0]}-{c[4]}" for c in CAS])
def test_matrice_des_permissions_mentorat(client, objets, nom, methode, construire, donnees, visiteur, attendu):
    """Each visitor gets exactly the expected status on each URL of the mentorat."""
    if visiteur != "anonyme":
        client.force_login(objets["personnes"][visiteur])
    if methode == "get":
        reponse = client.get(construire(objets))
    else:
        reponse = client.post(construire(objets), donnees(objets))
    assert reponse.status_code == attendu, f"{nom} en tant que {visiteur} : {reponse.status_code} au lieu de {attendu}"


@pytest.mark.parametrize("url", ["/mentorat/cycles/{pk}/annuler/", "/mentorat/creneaux/{creneau}/supprimer/"])
def test_les_actions_ne_se_font_pas_par_un_simple_lien(client, objets, url):
    """Cancelling and withdrawing are POST only: a GET, even by the coach, changes nothing (405)."""
    client.force_login(objets["personnes"]["coach"])
    reponse = client.get(url.format(pk=objets["cycle_coach"].pk, creneau=objets["creneau_coach"].pk))
    assert reponse.status_code == 405
    assert objets["cycle_coach"].reservations.filter(annulee_le__isnull=True).count() == 4
