"""A construction for the tight case of the groupes pluridisciplinaires: 16 or 32 people in groups of 4.

Local search stalls around twenty repeated pairs for 32 people in 8 groups of 4 over 10 months, where a schedule
without any repeat exists (the social golfer problem 8-4-10). This module searches a much smaller, structured
space instead: the people are the points of F_2^k × {0, 1, 2, 3} (four classes of 2^k), and each month is made
of groups invariant under the translations of F_2^k. A pair's meeting is then described by a difference in
F_2^k, and "no pair meets twice" becomes "no difference is used twice" — a small exact-cover problem that a
seeded random search with backtracking solves in a few seconds. Pure Python, deterministic for a given seed.

- k = 2 (16 people): one month where each class is a group, then 4 months of "transversal" groups (one person
  of each class): 5 months, every pair meets exactly once.
- k = 3 (32 people): one month of groups inside the classes (cosets of a plane of F_2^3), three months pairing
  the classes two by two, six transversal months: 10 months, every person meets 30 others once and never meets
  exactly one — the same-défi partner when défis are duos.
"""

import itertools
import random

CLASSES = 4
PAIRES_DE_CLASSES = [(0, 1), (2, 3), (0, 2), (1, 3), (0, 3), (1, 2)]  # the three pairings of the four classes
ESSAIS_MAX = 200_000


def _plans_de(k):
    """The 2-dimensional linear subspaces of F_2^k."""
    plans = []
    for u, v in itertools.combinations(range(1, 2 ** k), 2):
        plan = frozenset({0, u, v, u ^ v})
        if plan not in plans:
            plans.append(plan)
    return plans


def _transversales(restes):
    """Six (or four) transversal months: for each, the offsets (a, b, c) of classes 1, 2, 3 from class 0, such that
    every pair of classes uses each of its remaining differences exactly once. None if impossible."""
    valeurs_a = sorted(restes[(0, 1)])
    utilisees = {paire: set() for paire in restes}
    solution = []

    def placer(rang):
        if rang == len(valeurs_a):
            return True
        a = valeurs_a[rang]
        for b in sorted(restes[(0, 2)] - utilisees[(0, 2)]):
            if a ^ b not in restes[(1, 2)] or a ^ b in utilisees[(1, 2)]:
                continue
            for c in sorted(restes[(0, 3)] - utilisees[(0, 3)]):
                differences = {(0, 2): b, (1, 2): a ^ b, (0, 3): c, (1, 3): a ^ c, (2, 3): b ^ c}
                if any(v not in restes[p] or v in utilisees[p] for p, v in differences.items()):
                    continue
                for p, v in differences.items():
                    utilisees[p].add(v)
                solution.append((a, b, c))
                if placer(rang + 1):
                    return True
                solution.pop()
                for p, v in differences.items():
                    utilisees[p].discard(v)
        return False

    return solution if placer(0) else None


def _parametres(k, hasard):
    """Search the months' parameters; None when the seeded search gives up."""
    taille = 2 ** k
    tous = set(range(taille))
    plans = _plans_de(k)
    for _ in range(ESSAIS_MAX):
        plans_des_classes = [hasard.choice(plans) for _ in range(CLASSES)]
        ecarts, decalages = {}, {}
        if k >= 3:
            for i, j in PAIRES_DE_CLASSES:
                possibles = [d for d in range(1, taille)
                             if d not in plans_des_classes[i] and d not in plans_des_classes[j]
                             and all(ecarts[q] != d for q in ecarts if i in q or j in q)]
                if not possibles:
                    break
                ecarts[(i, j)] = hasard.choice(possibles)
                decalages[(i, j)] = hasard.randrange(taille)
            if len(ecarts) < len(PAIRES_DE_CLASSES):
                continue
        restes = {p: tous - ({decalages[p], decalages[p] ^ ecarts[p]} if p in ecarts else set())
                  for p in PAIRES_DE_CLASSES}
        transversales = _transversales(restes)
        if transversales:
            return plans_des_classes, ecarts, decalages, transversales
    return None


def plan_par_translations(nombre: int, nb_mois: int, graine: int = 0):
    """For 16 or 32 people in groups of 4: (months of groups of indices 0..nombre-1 without any repeated pair,
    the pairs that never meet). None for any other size, or when more months are asked than the construction has."""
    k = {16: 2, 32: 3}.get(nombre)
    if k is None or nb_mois > (nombre - 1) // 3:
        return None
    parametres = _parametres(k, random.Random(f"translations:{graine}"))
    if parametres is None:
        return None
    plans_des_classes, ecarts, decalages, transversales = parametres
    taille = 2 ** k

    def point(x, classe):
        return classe * taille + x

    mois = []
    interieur = []
    for classe, plan in enumerate(plans_des_classes):
        vus = set()
        for x in range(taille):
            if x not in vus:
                groupe = sorted(x ^ v for v in plan)
                vus.update(groupe)
                interieur.append([point(y, classe) for y in groupe])
    mois.append(interieur)
    for premiere, seconde in zip(PAIRES_DE_CLASSES[0::2], PAIRES_DE_CLASSES[1::2]):
        if not ecarts:
            break
        groupes = []
        for i, j in (premiere, seconde):
            ecart, decalage = ecarts[(i, j)], decalages[(i, j)]
            vus = set()
            for x in range(taille):
                if x not in vus:
                    vus.update({x, x ^ ecart})
                    groupes.append([point(x, i), point(x ^ ecart, i),
                                    point(x ^ decalage, j), point(x ^ decalage ^ ecart, j)])
        mois.append(groupes)
    for a, b, c in transversales:
        mois.append([[point(x, 0), point(x ^ a, 1), point(x ^ b, 2), point(x ^ c, 3)] for x in range(taille)])
    rencontres = {frozenset(p) for groupes in mois for groupe in groupes for p in itertools.combinations(groupe, 2)}
    jamais = sorted(tuple(sorted(p)) for p in itertools.combinations(range(nombre), 2)
                    if frozenset(p) not in rencontres)
    return [[sorted(groupe) for groupe in groupes] for groupes in mois[:nb_mois]], jamais
