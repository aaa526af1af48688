"""The permission matrix: every URL of the site and of the admin, for anonymous visitors and each visitor of
`attendus.VISITEURS`, with the status each one gets. Run by tests/magellan/test_permissions.py.

Each domain module lists its entries (`ENTREES`) and adds to the world the objects they need (`preparer`).
"""

from . import (
    administration,
    agenda,
    annuaire,
    arrivee,
    bureau,
    carnet,
    effacement,
    evaluations,
    exports,
    groupes,
    heures,
    mentorat,
    meteo,
    pilotage,
    ressources,
    sessions,
    site,
)
from .attendus import CONNECTES, VISITEURS, Entree, coachs_seulement, connectes, pour, tous  # noqa: F401
from .monde import scenario_construire  # noqa: F401

# The admin comes last: it finds a row of each model among those the other domains made.
DOMAINES = [site, sessions, agenda, mentorat, heures, bureau, carnet, meteo, groupes, evaluations, pilotage, exports,
            effacement, annuaire, ressources, arrivee, administration]
ENTREES = [entree for domaine in DOMAINES for entree in domaine.ENTREES]


def monde_construire() -> dict:
    """The scenario and every domain's objects: one world in which every entry of the matrix makes sense."""
    monde = scenario_construire()
    for domaine in DOMAINES:
        monde.update(domaine.preparer(monde))
    return monde
