"""Who may do what in the programme. A coach sees everything; others see their own promotion."""

import rules

from .models import Role


def types_de_role(personne) -> set[str]:
    """The role types a person holds, in any promotion; computed once per request and kept on the user."""
    if not personne.is_authenticated:
        return set()
    if not hasattr(personne, "_types_de_role"):
        personne._types_de_role = set(Role.objects.filter(personne=personne).values_list("type", flat=True))
    return personne._types_de_role


def types_de_role_connus(personne, roles) -> None:
    """Keep on the user the role types of `roles`, all of the person's roles a page has just read, so that the
    rules asked afterwards do not read them again."""
    if not hasattr(personne, "_types_de_role"):
        personne._types_de_role = {role.type for role in roles}


@rules.predicate
def est_coach(personne):
    """A coach holds a coach role; no flag (`is_staff`, `is_superuser`) makes one."""
    return personne.is_authenticated and Role.Type.COACH in types_de_role(personne)


rules.add_perm("programme.inviter", est_coach)
rules.add_perm("programme.administrer", est_coach)
# The coaches' dashboard of a promotion (magellan.tableau_de_bord), first entry of « Piloter ».
rules.add_perm("programme.voir_tableau_de_bord", est_coach)


@rules.predicate
def n_est_pas_soi_meme(personne, cible):
    """A coach may not erase themself: another coach does it, so a coach is erased only by another coach."""
    return cible is None or personne.pk != cible.pk


rules.add_perm("programme.effacer_personne", est_coach & n_est_pas_soi_meme)


@rules.predicate
def est_membre(personne):
    """A member of the community: a signed-in person who holds a role in the programme, whatever it is."""
    return personne.is_authenticated and bool(types_de_role(personne))


# The annuaire de la communauté (magellan.annuaire): members only, never anonymous visitors.
rules.add_perm("programme.voir_annuaire", est_membre)
rules.add_perm("programme.choisir_profil_annuaire", est_membre)


@rules.predicate
def montre_sa_photo(personne, cible):
    """The person `cible` chose « Montrer ma photo », or is the reader: they always see their own."""
    return cible is not None and (cible.pk == personne.pk or cible.annuaire_photo)


# A person's annuaire photo: to the members, once the person chose to show it (coaches included); always to themself.
rules.add_perm("programme.voir_photo_annuaire", est_membre & montre_sa_photo)
