"""Who may see a carnet de bord: the EIG who writes it and the coaches, nobody else.

Anyone else asking for an EIG's carnet gets a 404, as if it did not exist; the pages of one's own carnet
answer 403 to people who are not EIG, and the coaches' list 403 to non-coaches.
"""

import rules

from programme.models import Role
from programme.rules import est_coach, types_de_role


@rules.predicate
def est_eig(personne):
    return Role.Type.EIG in types_de_role(personne)


@rules.predicate
def est_l_eig_du_carnet(personne, eig):
    return personne.is_authenticated and personne.pk == eig.pk


rules.add_perm("accompagnement.tenir_carnet", est_eig)
rules.add_perm("accompagnement.voir_carnet", est_coach | est_l_eig_du_carnet)
rules.add_perm("accompagnement.suivre_carnets", est_coach)
