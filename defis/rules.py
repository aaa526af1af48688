"""Who may see a défi: everyone when it is visible; otherwise its team and the coaches."""

import rules

from programme.rules import est_coach

from .models import MembreEquipe


def roles_dans_les_defis(personne) -> dict[int, set[str]]:
    """The person's roles in each of their défis; computed once per request and kept on the user."""
    if not personne.is_authenticated:
        return {}
    if not hasattr(personne, "_roles_dans_les_defis"):
        roles = {}
        for defi_id, role in MembreEquipe.objects.filter(personne=personne).values_list("defi_id", "role"):
            roles.setdefault(defi_id, set()).add(role)
        personne._roles_dans_les_defis = roles
    return personne._roles_dans_les_defis


def roles_dans_les_defis_connus(personne, membres) -> None:
    """Keep on the user the roles of `membres`, all of the person's team memberships a page has just read, so
    that the rules asked afterwards do not read them again."""
    if not hasattr(personne, "_roles_dans_les_defis"):
        roles = {}
        for membre in membres:
            roles.setdefault(membre.defi_id, set()).add(membre.role)
        personne._roles_dans_les_defis = roles


@rules.predicate
def defi_visible(personne, defi):
    return defi.visible


@rules.predicate
def membre_du_defi(personne, defi):
    """Any member of the défi's team: EIG, porteur or sponsor."""
    return defi.pk in roles_dans_les_defis(personne)


rules.add_perm("defis.voir_defi", defi_visible | est_coach | membre_du_defi)
