"""Who may use the bureau d'aide: a défi's team asks and follows its requests, the coaches triage them.

The team is every member of the défi (EIG, porteurs, sponsors); only EIG and porteurs file a request.
"""

import rules

from defis.models import MembreEquipe
from programme.rules import est_coach

ROLES_DEMANDEURS = [MembreEquipe.Role.EIG, MembreEquipe.Role.PORTEUR]


@rules.predicate
def dans_une_equipe(personne):
    return personne.is_authenticated and MembreEquipe.objects.filter(personne=personne).exists()


@rules.predicate
def peut_demander(personne):
    return personne.is_authenticated and MembreEquipe.objects.filter(
        personne=personne, role__in=ROLES_DEMANDEURS).exists()


@rules.predicate
def dans_l_equipe_de_la_demande(personne, demande):
    return personne.is_authenticated and MembreEquipe.objects.filter(
        personne=personne, defi_id=demande.defi_id).exists()


rules.add_perm("accompagnement.voir_bureau_aide", est_coach | dans_une_equipe)
rules.add_perm("accompagnement.demander_aide", peut_demander)
rules.add_perm("accompagnement.voir_demande_aide", est_coach | dans_l_equipe_de_la_demande)
rules.add_perm("accompagnement.trier_demandes_aide", est_coach)
