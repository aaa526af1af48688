"""The composition of the groupes de partage (accompagnement/groupes_algo.py): pure Python, no database."""

import random

import pytest

from accompagnement.groupes_algo import (
    Participant,
    choisir_presentateurs,
    composer_pluri,
    groupes_entre_pairs,
    paires_repetees,
    planifier,
    tailles_des_groupes,
)


def _promotion(nombre, graine=0, metiers=5):
    """`nombre` EIG in défis of 2 or 3, with métiers drawn at random."""
    hasard = random.Random(graine)
    participants, defi = [], 0
    while len(participants) < nombre:
        defi += 1
        for _ in range(min(hasard.choice([2, 3]), nombre - len(participants))):
            participants.append(Participant(id=100 + len(participants), defi=defi, metier=hasard.randrange(metiers)))
    return participants


def _meme_defi(mois, participants):
    """The pairs of EIG of the same défi put together, over the months given."""
    defi = {p.id: p.defi for p in participants}
    return [(a, b) for groupes in mois for groupe in groupes for a in groupe for b in groupe
            if a < b and defi[a] is not None and defi[a] == defi[b]]


def _partition(groupes, participants):
    return sorted(i for groupe in groupes for i in groupe) == sorted(p.id for p in participants)


def test_meme_entree_memes_groupes():
    """The same participants, history and seed give the same groups and presenters, in any input order."""
    participants = _promotion(20, graine=1)
    premier = composer_pluri(participants, [], {}, nb_mois=3, iterations=300)
    melanges = list(reversed(participants))
    second = composer_pluri(melanges, [], {}, nb_mois=3, iterations=300)
    assert premier == second
    assert planifier(participants, 4, iterations=300) == planifier(melanges, 4, iterations=300)


def test_jamais_deux_eig_du_meme_defi():
    """Over ten months, no group ever holds two EIG of the same défi, in promotions of 30, 45 and 60."""
    for nombre, graine in [(30, 2), (45, 3), (60, 4)]:
        participants = _promotion(nombre, graine=graine)
        plan = planifier(participants, 10, iterations=400)
        assert _meme_defi(plan, participants) == []
        assert all(_partition(groupes, participants) for groupes in plan)


@pytest.mark.parametrize("nombre", range(0, 80))
def test_tailles_entre_4_et_6(nombre):
    """From 8 people, groups hold 4 to 6 (balanced, near 5); below 8 a single group holds everyone."""
    tailles = tailles_des_groupes(nombre)
    assert sum(tailles) == nombre
    if nombre >= 8:
        assert all(4 <= taille <= 6 for taille in tailles)
        assert max(tailles) - min(tailles) <= 1
    elif nombre:
        assert tailles == [nombre]


def test_taille_4_donne_des_groupes_de_4():
    """Asked for groups of 4, 32 people form 8 groups of 4 (and at 5, 6 or 7 groups of 5 or 6)."""
    assert tailles_des_groupes(32, 4) == [4] * 8
    assert sorted(set(tailles_des_groupes(32, 5))) == [5, 6]


def test_petites_promotions_un_seul_groupe():
    """With 3 or 7 EIG there is one group of everyone, with a presenter from it."""
    for nombre in (3, 7):
        participants = [Participant(id=i, defi=i) for i in range(1, nombre + 1)]
        composition = composer_pluri(participants, [], {}, nb_mois=10)
        assert composition.groupes == [list(range(1, nombre + 1))]
        assert len(composition.presentateurs) == 1 and composition.presentateurs[0] in composition.groupes[0]


@pytest.mark.parametrize("nombre", [30, 32, 45])
def test_tout_le_monde_presente_avant_que_quiconque_presente_deux_fois(nombre):
    """Month after month over ten months, each presenter is a member of their group, nobody presents a
    second time while someone has not presented once (and so on for each round)."""
    participants = _promotion(nombre, graine=nombre)
    plan = planifier(participants, 10, iterations=300)
    fois = {p.id: 0 for p in participants}
    for mois in range(10):
        presentateurs = choisir_presentateurs(plan[mois:], fois)
        assert len(presentateurs) == len(plan[mois])
        assert all(presentateur in groupe for presentateur, groupe in zip(presentateurs, plan[mois]))
        for presentateur in presentateurs:
            fois[presentateur] += 1
        assert max(fois.values()) - min(fois.values()) <= 1
    assert min(fois.values()) >= (10 * len(plan[0])) // nombre


def test_moins_de_paires_repetees_qu_au_hasard():
    """On 45 EIG over ten months, the plan has far fewer repeated pairs than random groups of the same sizes."""
    participants = _promotion(45, graine=7)
    plan = planifier(participants, 10, iterations=1500)
    hasard = random.Random(0)
    ids = [p.id for p in participants]
    tailles = tailles_des_groupes(45)
    au_hasard = []
    for _ in range(10):
        hasard.shuffle(ids)
        debuts = [sum(tailles[:rang]) for rang in range(len(tailles))]
        au_hasard.append([ids[debut:debut + taille] for debut, taille in zip(debuts, tailles)])
    assert paires_repetees(plan) * 3 < paires_repetees(au_hasard)


def test_zero_paire_repetee_16_en_groupes_de_4_sur_5_mois():
    """16 EIG in groups of 4 meet over 5 months without any pair meeting twice (an affine plane exists)."""
    participants = [Participant(id=i, defi=i) for i in range(16)]
    plan = planifier(participants, 5, taille=4, graine=0, iterations=20_000)
    assert all(len(groupe) == 4 for groupes in plan for groupe in groupes)
    assert paires_repetees(plan) == 0


def test_le_plan_est_suivi_tant_que_l_historique_le_suit():
    """While the months held are the plan's, each month is the plan's next one."""
    participants = _promotion(20, graine=5)
    plan = planifier(participants, 4, iterations=300)
    for tenus in range(4):
        assert composer_pluri(participants, plan[:tenus], {}, nb_mois=4, iterations=300).groupes == plan[tenus]


def test_replanifie_apres_le_deplacement_d_un_coach():
    """After a coach swapped two EIG in the first month, the next month still has no same-défi pair, covers
    everyone once and repeats no pair of the month actually held."""
    participants = _promotion(30, graine=8)
    plan = planifier(participants, 3, iterations=2000)
    modifie = [list(groupe) for groupe in plan[0]]
    modifie[0][0], modifie[1][0] = modifie[1][0], modifie[0][0]
    composition = composer_pluri(participants, [modifie], {}, nb_mois=3, iterations=2000)
    assert _partition(composition.groupes, participants)
    assert _meme_defi([composition.groupes], participants) == []
    assert paires_repetees([modifie, composition.groupes]) == 0
    assert all(p in groupe for p, groupe in zip(composition.presentateurs, composition.groupes))


def test_historique_avec_des_inconnus():
    """A history naming people who left (or never took part) is accepted: only current participants are
    placed, each exactly once."""
    participants = _promotion(24, graine=9)
    historique = [[[100, 101, 999, 998], [102, 103, 104, 105]], [[997, 100]]]
    composition = composer_pluri(participants, historique, {999: 3}, nb_mois=10, iterations=300)
    assert _partition(composition.groupes, participants)
    assert _meme_defi([composition.groupes], participants) == []


def test_entre_pairs_un_groupe_par_metier():
    """One group per métier, « autres métiers » (None) last, a métier of 19 split in 3 groups of 6–7,
    whatever the input order."""
    participants = ([Participant(id=i, metier=1) for i in range(19)]
                    + [Participant(id=100 + i, metier=2) for i in range(5)]
                    + [Participant(id=200 + i, metier=None) for i in range(3)])
    groupes = groupes_entre_pairs(participants)
    assert [metier for metier, _ in groupes] == [1, 1, 1, 2, None]
    assert sorted(len(membres) for metier, membres in groupes if metier == 1) == [6, 6, 7]
    assert sorted(i for _, membres in groupes for i in membres) == sorted(p.id for p in participants)
    assert groupes_entre_pairs(list(reversed(participants))) == groupes
