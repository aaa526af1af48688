"""The groupes pluridisciplinaires' measure: repeated pairs and compute time of a ten-month plan, beside random
groups of the same sizes (which respect the défi rule when they can: a few reshuffles until no défi clashes).

No database: the composition is pure Python (accompagnement/groupes_algo.py). A pair together three times
counts two repeated meetings.
"""

import random
import time

from accompagnement.groupes_algo import Participant, paires_repetees, planifier, tailles_des_groupes
from bench.outils import mesure, nombre_fr

MOIS = 10


def _promotion(nombre, taille_defi, graine):
    """`nombre` EIG, in défis of `taille_defi` (a list of sizes drawn from), with five métiers."""
    hasard = random.Random(graine)
    participants, defi = [], 0
    while len(participants) < nombre:
        defi += 1
        for _ in range(min(hasard.choice(taille_defi), nombre - len(participants))):
            participants.append(Participant(id=len(participants) + 1, defi=defi, metier=hasard.randrange(5)))
    return participants


def _au_hasard(participants, taille, graine):
    """Ten months of random groups of the plan's sizes, each month reshuffled (up to 200 times) until no two
    EIG of a défi are together."""
    hasard = random.Random(graine)
    defi = {p.id: p.defi for p in participants}
    ids = [p.id for p in participants]
    tailles = tailles_des_groupes(len(ids), taille)
    mois = []
    for _ in range(MOIS):
        for _ in range(200):
            hasard.shuffle(ids)
            debut, groupes = 0, []
            for longueur in tailles:
                groupes.append(ids[debut:debut + longueur])
                debut += longueur
            if all(len({defi[i] for i in groupe}) == len(groupe) for groupe in groupes):
                break
        mois.append(groupes)
    return mois


def _ligne(libelle, participants, taille, iterations=None, construction=True):
    debut = time.perf_counter()
    plan = planifier(participants, MOIS, taille=taille, graine=0, iterations=iterations, construction=construction)
    duree = time.perf_counter() - debut
    budget = "budget par défaut" if iterations is None else f"{nombre_fr(iterations)} itérations"
    if not construction:
        budget += ", recherche tabou seule"
    return (f"{libelle} ({budget}) : {paires_repetees(plan)} paires répétées en {nombre_fr(duree, 1)} s, "
            f"au hasard {paires_repetees(_au_hasard(participants, taille, 1))}")


@mesure("groupes")
def groupes(repetitions):
    """One line per case; `repetitions` is unused (each plan is computed once: it is deterministic)."""
    seuls = [Participant(id=i, defi=i) for i in range(1, 33)]
    yield _ligne("32 EIG, groupes de 4, un défi chacun", seuls, 4)
    yield _ligne("32 EIG, groupes de 4, un défi chacun", seuls, 4, construction=False)
    yield _ligne("32 EIG, groupes de 4, 16 défis de 2", _promotion(32, [2], 2), 4)
    yield _ligne("60 EIG, groupes de 5, défis de 2 à 3, 5 métiers", _promotion(60, [2, 3], 3), 5)
    yield _ligne("300 EIG, groupes de 5, défis de 2 à 3, 5 métiers", _promotion(300, [2, 3], 4), 5)
