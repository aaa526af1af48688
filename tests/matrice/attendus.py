"""The visitors of the permission matrix, and short ways to write the status each one expects.

Each role appears twice: the person the world's objects belong to (the défi's team, the parrain who logged the
hours, the intervenant who leads the session…) and a second person of the same role with nothing of theirs in
play (`*_autre`: the team of another défi, another parrain…). `*_ailleurs` are an EIG and a porteur of another
promotion.
"""

from dataclasses import dataclass
from typing import Callable

ROLES = ["coach", "eig", "porteur", "sponsor", "parrain", "intervenant", "alumni"]
VISITEURS = ["anonyme", *ROLES, *(f"{role}_autre" for role in ROLES), "eig_ailleurs", "porteur_ailleurs"]
CONNECTES = [v for v in VISITEURS if v != "anonyme"]

COACHS = ("coach", "coach_autre")
EQUIPE = ("eig", "porteur", "sponsor")
EQUIPE_AUTRE = ("eig_autre", "porteur_autre", "sponsor_autre")
EQUIPE_AILLEURS = ("eig_ailleurs", "porteur_ailleurs")
LES_EIG = ("eig", "eig_autre", "eig_ailleurs")
LES_PORTEURS = ("porteur", "porteur_autre", "porteur_ailleurs")
LES_SPONSORS = ("sponsor", "sponsor_autre")
LES_PARRAINS = ("parrain", "parrain_autre")
LES_INTERVENANTS = ("intervenant", "intervenant_autre")
LES_ALUMNI = ("alumni", "alumni_autre")


def _aplatir(qui) -> set[str]:
    visiteurs = set()
    for element in qui:
        visiteurs |= {element} if isinstance(element, str) else set(element)
    inconnus = visiteurs - set(VISITEURS)
    assert not inconnus, f"visiteurs inconnus : {sorted(inconnus)}"
    return visiteurs


def tous(statut) -> dict[str, int]:
    return {v: statut for v in VISITEURS}


def connectes(statut, anonyme=302) -> dict[str, int]:
    """Every person gets `statut`; an anonymous visitor is sent to log in."""
    return {"anonyme": anonyme, **{v: statut for v in CONNECTES}}


def pour(statut, *qui, autres=403, anonyme=302) -> dict[str, int]:
    """`qui` (visitors or groups of visitors) get `statut`, the other people `autres`, anonymous `anonyme`."""
    elus = _aplatir(qui)
    return {"anonyme": anonyme, **{v: statut if v in elus else autres for v in CONNECTES}}


def coachs_seulement(autres=403, anonyme=302, statut=200) -> dict[str, int]:
    return pour(statut, COACHS, autres=autres, anonyme=anonyme)


@dataclass(frozen=True)
class Entree:
    """One line of the matrix: a URL built from the world, the method, the form sent, the status per visitor."""

    nom: str
    url: Callable[[dict], str]
    attendus: dict[str, int]
    methode: str = "GET"
    donnees: Callable[[dict], dict] | None = None

    def __post_init__(self):
        assert set(self.attendus) == set(VISITEURS), f"{self.nom} : il manque {set(VISITEURS) - set(self.attendus)}"
