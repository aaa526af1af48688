"""The mentorat: offers, booking, cycles and séances, the mentors' slots.

Mentors are the coaches (mentorat individuel) and the parrains (the specialists' mentorat): they publish slots
and see their mentorés; with the coaches, they propose mentorats collectifs, which everyone signed in looks for.
EIG book both kinds of cycle, porteurs mentorat individuel only. A cycle is seen and
cancelled by its demandeur, its mentor and the coaches; for anyone else it does not exist (404).
"""

from accompagnement.factories import CreneauFactory, CycleFactory
from accompagnement.selectors.mentorat import valeur_de_cycle
from tests.accompagnement.outils_mentorat import a_paris, lundi, serie

from .attendus import COACHS, LES_EIG, LES_PARRAINS, LES_PORTEURS, Entree, coachs_seulement, connectes, pour


def preparer(monde):
    """Free weekly slots of the coach, a cycle of the EIG with the coach (individuel) and one with the parrain
    (the specialists' mentorat), and a free slot of each mentor."""
    personnes = monde["personnes"]
    coach, parrain, eig = personnes["coach"], personnes["parrain"], personnes["eig"]
    cycle_coach = CycleFactory(demandeur=eig, mentor=coach)
    return {
        "cycle_libre": valeur_de_cycle(coach.pk, serie(coach, a_paris(lundi(), 10))),
        "cycle_coach": cycle_coach,
        "seance_coach": cycle_coach.reservations.order_by("creneau__debut").first(),
        "cycle_parrain": CycleFactory(demandeur=eig, mentor=parrain, type="mentorat"),
        "creneau_coach": CreneauFactory(mentor=coach, debut=a_paris(lundi(2), 7)),
        "creneau_parrain": CreneauFactory(mentor=parrain, type="mentorat", debut=a_paris(lundi(2), 7)),
    }


MENTORS = (COACHS, LES_PARRAINS)

ENTREES = [
    Entree("mentorat", lambda o: "/mentorat/", connectes(200)),
    Entree("offre individuelle", lambda o: "/mentorat/reserver/individuel/", pour(200, COACHS, LES_EIG, LES_PORTEURS)),
    Entree("offre des spécialistes", lambda o: "/mentorat/reserver/mentorat/", pour(200, COACHS, LES_EIG)),
    Entree("offre d'un type inconnu", lambda o: "/mentorat/reserver/inconnu/", connectes(404)),
    Entree("réserver un cycle individuel", lambda o: "/mentorat/reserver/individuel/",
           pour(302, LES_EIG, LES_PORTEURS), "POST",
           lambda o: {"cycle": o["cycle_libre"], "besoins": "Mes besoins."}),
    Entree("mes cycles", lambda o: "/mentorat/mes-cycles/", pour(200, LES_EIG, LES_PORTEURS)),
    Entree("mes mentorés", lambda o: "/mentorat/mes-mentores/", pour(200, *MENTORS)),
    Entree("tous les cycles", lambda o: "/mentorat/cycles/", coachs_seulement()),
    Entree("cycle individuel", lambda o: f"/mentorat/cycles/{o['cycle_coach'].pk}/",
           pour(200, COACHS, "eig", autres=404)),
    Entree("cycle des spécialistes", lambda o: f"/mentorat/cycles/{o['cycle_parrain'].pk}/",
           pour(200, COACHS, "eig", "parrain", autres=404)),
    Entree("cycle inexistant", lambda o: "/mentorat/cycles/999999/", connectes(404)),
    Entree("annuler un cycle", lambda o: f"/mentorat/cycles/{o['cycle_parrain'].pk}/annuler/",
           pour(302, COACHS, "eig", "parrain", autres=404), "POST", lambda o: {}),
    Entree("annuler une séance", lambda o: f"/mentorat/seances/{o['seance_coach'].pk}/annuler/",
           pour(302, COACHS, "eig", autres=404), "POST", lambda o: {}),
    Entree("mentorats collectifs", lambda o: "/mentorat/collectif/", connectes(200)),
    Entree("proposer un mentorat collectif", lambda o: "/mentorat/collectif/proposer/",
           pour(200, COACHS, LES_PARRAINS)),
    Entree("publier un mentorat collectif", lambda o: "/mentorat/collectif/proposer/",
           pour(302, COACHS, LES_PARRAINS), "POST",
           lambda o: {"promotion": o["promotion"].pk, "titre": "Ouvrir ses données", "description": "Pourquoi.",
                      "jour": lundi(3).isoformat(), "heure": "10:00", "duree_minutes": "90", "places": "6",
                      "audience": "eig", "lieu": "Salle Ségur"}),
    Entree("mes créneaux", lambda o: "/mentorat/creneaux/", pour(200, *MENTORS)),
    Entree("publier un créneau individuel", lambda o: "/mentorat/creneaux/",
           pour(302, COACHS) | {p: 200 for p in LES_PARRAINS}, "POST",
           lambda o: {"type_mentorat": "individuel", "jour": lundi(3).isoformat(), "heure": "07:00",
                      "duree_minutes": "60", "lieu": "Salle Ségur"}),
    Entree("retirer un créneau du coach", lambda o: f"/mentorat/creneaux/{o['creneau_coach'].pk}/supprimer/",
           pour(302, COACHS, autres=404), "POST", lambda o: {}),
    Entree("retirer un créneau du parrain", lambda o: f"/mentorat/creneaux/{o['creneau_parrain'].pk}/supprimer/",
           pour(302, COACHS, "parrain", autres=404), "POST", lambda o: {}),
]
