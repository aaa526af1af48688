"""Permissions of the accompagnement: heures d'accélération.

Parrains and marraines log the hours they give and see or delete their own entries; a défi's team (EIG,
porteurs, sponsors) sees the hours its défi received; the coaches see everything.
"""

import rules

from defis.rules import membre_du_defi
from programme.models import Role
from programme.rules import est_coach, types_de_role


@rules.predicate
def est_parrain(personne):
    return personne.is_authenticated and Role.Type.PARRAIN in types_de_role(personne)


@rules.predicate
def auteur_de_la_saisie(personne, heure):
    return personne.is_authenticated and heure.parrain_id == personne.pk


rules.add_perm("accompagnement.saisir_heures", est_parrain)
rules.add_perm("accompagnement.supprimer_heure", auteur_de_la_saisie | est_coach)
rules.add_perm("accompagnement.voir_heures_defi", membre_du_defi | est_coach)
rules.add_perm("accompagnement.suivre_heures", est_coach)
