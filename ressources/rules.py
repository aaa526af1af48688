"""Who reads the resources: every signed-in person reads every page, anyone the public ones; coaches edit them in
the admin and preview their text there."""

import rules

from programme.rules import est_coach


@rules.predicate
def est_publique(personne, ressource):
    return ressource is not None and ressource.publique


# The list and the search: open to anyone, each visitor sees the pages they may read.
rules.add_perm("ressources.voir_ressources", rules.always_allow)
rules.add_perm("ressources.voir_ressource", rules.is_authenticated | est_publique)
rules.add_perm("ressources.previsualiser", est_coach)
