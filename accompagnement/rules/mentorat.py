"""Permissions of the accompagnement: mentorat.

Mentors are the coaches (mentorat individuel) and the parrains and marraines, the DINUM specialists of the
programme (mentorat); they publish slots and see the cycles booked with them. EIG book both kinds of cycle;
porteurs and porteuses book mentorat individuel only. A cycle is seen by its demandeur, its mentor and the
coaches, and nobody else. Coaches, parrains and marraines propose mentorats collectifs.
"""

import rules

from programme.models import Role
from programme.rules import est_coach, types_de_role

from ..models import TypeMentorat


def types_mentorat_offerts(personne) -> list[str]:
    """The kinds of mentorat a person may offer as a mentor: coaches the individual one, parrains the other."""
    if not personne.is_authenticated:
        return []
    types = types_de_role(personne)
    offerts = []
    if est_coach(personne):
        offerts.append(TypeMentorat.INDIVIDUEL)
    if Role.Type.PARRAIN in types:
        offerts.append(TypeMentorat.MENTORAT)
    return offerts


def types_mentorat_demandables(personne) -> list[str]:
    """The kinds of mentorat a person may book a cycle of: EIG both, porteurs the individual one."""
    if not personne.is_authenticated:
        return []
    types = types_de_role(personne)
    demandables = []
    if Role.Type.EIG in types or Role.Type.PORTEUR in types:
        demandables.append(TypeMentorat.INDIVIDUEL)
    if Role.Type.EIG in types:
        demandables.append(TypeMentorat.MENTORAT)
    return demandables


@rules.predicate
def est_mentor(personne):
    return bool(types_mentorat_offerts(personne))


@rules.predicate
def est_parrain(personne):
    return Role.Type.PARRAIN in types_de_role(personne)


@rules.predicate
def peut_demander(personne, type_mentorat):
    """May book a cycle: of the given kind, or of any kind when none is given."""
    demandables = types_mentorat_demandables(personne)
    return type_mentorat in demandables if type_mentorat else bool(demandables)


@rules.predicate
def partie_du_cycle(personne, cycle):
    return personne.is_authenticated and personne.pk in (cycle.demandeur_id, cycle.mentor_id)


@rules.predicate
def mentor_du_creneau(personne, creneau):
    return personne.is_authenticated and creneau.mentor_id == personne.pk


rules.add_perm("accompagnement.voir_mentorat", rules.is_authenticated)
rules.add_perm("accompagnement.publier_creneaux", est_mentor)
rules.add_perm("accompagnement.supprimer_creneau", mentor_du_creneau | est_coach)
rules.add_perm("accompagnement.voir_offre_mentorat", peut_demander | est_coach)
rules.add_perm("accompagnement.reserver_cycle", peut_demander)
rules.add_perm("accompagnement.voir_mes_cycles", peut_demander)
rules.add_perm("accompagnement.voir_mes_mentores", est_mentor)
rules.add_perm("accompagnement.voir_cycle", partie_du_cycle | est_coach)
rules.add_perm("accompagnement.annuler_cycle", partie_du_cycle | est_coach)
rules.add_perm("accompagnement.suivre_mentorat", est_coach)
# A mentorat collectif is proposed by a coach or a parrain or marraine, and joined as any session is.
rules.add_perm("accompagnement.proposer_mentorat_collectif", est_coach | est_parrain)
