"""Who may see a défi: everyone when it is visible; otherwise its team and the coaches."""

import rules

from programme.rules import est_coach


@rules.predicate
def defi_visible(personne, defi):
    return defi.visible


@rules.predicate
def membre_du_defi(personne, defi):
    return personne.is_authenticated and defi.membres.filter(personne=personne).exists()


rules.add_perm("defis.voir_defi", defi_visible | est_coach | membre_du_defi)
