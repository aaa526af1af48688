"""Who may do what with the groupes de partage: the coaches compose, adjust and publish them; an EIG sees the
groups they belong to; the members of an entre-pairs group (and the coaches) choose its next topic."""

import rules

from programme.rules import est_coach

from ..models import GroupePartage
from .carnet import est_eig


@rules.predicate
def membre_du_groupe(personne, groupe):
    return personne.is_authenticated and groupe.participations.filter(personne=personne).exists()


@rules.predicate
def groupe_publie(personne, groupe):
    return groupe.publie_le is not None


@rules.predicate
def groupe_entre_pairs(personne, groupe):
    return groupe.type == GroupePartage.Type.PAIRS


rules.add_perm("accompagnement.piloter_groupes", est_coach)
rules.add_perm("accompagnement.voir_mes_groupes", est_eig)
rules.add_perm("accompagnement.voir_groupe", est_coach | (groupe_publie & membre_du_groupe))
rules.add_perm("accompagnement.choisir_sujet_suivant",
               groupe_entre_pairs & (est_coach | (groupe_publie & membre_du_groupe)))
