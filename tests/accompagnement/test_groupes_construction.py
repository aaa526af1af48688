"""The structured construction of the tight case: 16 or 32 people in groups of 4 without any repeated pair."""

import itertools
from collections import Counter

import pytest

from accompagnement.groupes_algo import Participant, paires_repetees, planifier
from accompagnement.groupes_construction import plan_par_translations


def _rencontres(plan):
    return Counter(frozenset(p) for groupes in plan for groupe in groupes for p in itertools.combinations(groupe, 2))


def test_trente_deux_personnes_par_quatre_dix_mois_sans_aucune_paire_repetee():
    """8 groups of 4 each month for 10 months: everyone in exactly one group a month, no pair twice, and the 16
    pairs that never meet pair everyone off (each person misses exactly one other)."""
    plan, jamais = plan_par_translations(32, 10, graine=2)
    assert len(plan) == 10
    for groupes in plan:
        assert sorted(itertools.chain.from_iterable(groupes)) == list(range(32))
        assert [len(groupe) for groupe in groupes] == [4] * 8
    rencontres = _rencontres(plan)
    assert max(rencontres.values()) == 1 and len(rencontres) == 480
    assert len(jamais) == 16 and sorted(itertools.chain.from_iterable(jamais)) == list(range(32))


def test_seize_personnes_par_quatre_se_rencontrent_toutes_une_fois_en_cinq_mois():
    """16 people in groups of 4 over 5 months: all 120 pairs meet, each exactly once."""
    plan, jamais = plan_par_translations(16, 5, graine=0)
    rencontres = _rencontres(plan)
    assert len(rencontres) == 120 and set(rencontres.values()) == {1} and jamais == []


@pytest.mark.parametrize("nombre, mois", [(30, 10), (32, 11), (20, 5), (64, 10)])
def test_hors_du_cas_serre_la_construction_s_abstient(nombre, mois):
    """Other sizes, or more months than the construction holds, are left to the local search."""
    assert plan_par_translations(nombre, mois) is None


def test_les_binomes_d_un_defi_ne_sont_jamais_ensemble_et_rien_ne_se_repete():
    """32 EIG in 16 défis of two, groups of 4 over 10 months: no teammates together, no pair twice — the duos
    sit on the pairs that never meet; the same input gives the same plan."""
    participants = [Participant(id=100 + rang, defi=rang // 2, metier=rang % 5) for rang in range(32)]
    plan = planifier(participants, 10, taille=4, graine=7)
    defi = {p.id: p.defi for p in participants}
    assert paires_repetees(plan) == 0
    assert all(len({defi[i] for i in groupe}) == 4 for groupes in plan for groupe in groupes)
    assert planifier(list(reversed(participants)), 10, taille=4, graine=7) == plan
