"""Who may use the bureau d'aide: a défi's team asks and follows its requests, the coaches triage them.

The team is every member of the défi (EIG, porteurs, sponsors); only EIG and porteurs file a request.
"""

import rules

from defis.models import MembreEquipe
from defis.rules import roles_dans_les_defis
from programme.rules import est_coach

ROLES_DEMANDEURS = [MembreEquipe.Role.EIG, MembreEquipe.Role.PORTEUR]


@rules.predicate
def dans_une_equipe(personne):
    return bool(roles_dans_les_defis(personne))


@rules.predicate
def peut_demander(personne):
    return any(roles & set(ROLES_DEMANDEURS) for roles in roles_dans_les_defis(personne).values())


@rules.predicate
def dans_l_equipe_de_la_demande(personne, demande):
    return demande.defi_id in roles_dans_les_defis(personne)


rules.add_perm("accompagnement.voir_bureau_aide", est_coach | dans_une_equipe)
rules.add_perm("accompagnement.demander_aide", peut_demander)
rules.add_perm("accompagnement.voir_demande_aide", est_coach | dans_l_equipe_de_la_demande)
rules.add_perm("accompagnement.trier_demandes_aide", est_coach)
