"""Who may see the météo entrepreneuriale: an EIG answers and reads their own rounds, the coaches read every
answer; nobody else sees an answer (DESIGN §5).

An EIG's pages answer 403 to whoever is not an EIG; another EIG's response answers 404, as if it did not exist;
the coaches' pages answer 403 to whoever is not a coach.
"""

import rules

from programme.rules import est_coach

from .carnet import est_eig


@rules.predicate
def est_l_eig_de_la_reponse(personne, reponse):
    return personne.is_authenticated and personne.pk == reponse.eig_id


rules.add_perm("accompagnement.repondre_meteo", est_eig)
rules.add_perm("accompagnement.voir_reponse_meteo", est_l_eig_de_la_reponse)
rules.add_perm("accompagnement.suivre_meteo", est_coach)
