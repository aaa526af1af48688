"""Who may do what in the evaluations. Objects are a défi (its evaluations page) or a comité (the rest).

A coach sees everything and writes the rapports of the comités they sit on. The team (EIG and porteurs)
writes its support; only a porteur submits it. A sponsor sees the comités and, once published, the rapports
of their défi. Nobody else reaches a support, a file or an unpublished rapport.
"""

import rules

from defis.models import MembreEquipe
from defis.rules import roles_dans_les_defis
from programme.rules import est_coach


def _defi_id(objet):
    return getattr(objet, "defi_id", None) or objet.pk


def _a_un_role(personne, objet, *roles):
    return bool(roles_dans_les_defis(personne).get(_defi_id(objet), set()) & set(roles))


@rules.predicate
def equipe(personne, objet):
    """An EIG or a porteur of the défi."""
    return _a_un_role(personne, objet, MembreEquipe.Role.EIG, MembreEquipe.Role.PORTEUR)


@rules.predicate
def porteur(personne, objet):
    return _a_un_role(personne, objet, MembreEquipe.Role.PORTEUR)


@rules.predicate
def sponsor(personne, objet):
    return _a_un_role(personne, objet, MembreEquipe.Role.SPONSOR)


@rules.predicate
def coach_du_comite(personne, comite):
    return personne.is_authenticated and any(coach.pk == personne.pk for coach in comite.coachs.all())


@rules.predicate
def rapport_publie(personne, comite):
    rapport = getattr(comite, "rapport", None)
    return rapport is not None and rapport.est_publie


rules.add_perm("evaluations.voir_evaluations_defi", est_coach | equipe | sponsor)
rules.add_perm("evaluations.voir_comite", est_coach | equipe | sponsor)
rules.add_perm("evaluations.modifier_comite", est_coach)
rules.add_perm("evaluations.voir_support", est_coach | equipe)
rules.add_perm("evaluations.ecrire_support", equipe)
rules.add_perm("evaluations.soumettre_support", porteur)
rules.add_perm("evaluations.rouvrir_support", est_coach)
rules.add_perm("evaluations.voir_rapport", est_coach | (rapport_publie & (equipe | sponsor)))
rules.add_perm("evaluations.ecrire_rapport", est_coach & coach_du_comite)
rules.add_perm("evaluations.voir_historique_rapport", est_coach)
rules.add_perm("evaluations.voir_tableau", est_coach)
rules.add_perm("evaluations.creer_comites", est_coach)
