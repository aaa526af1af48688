"""Who may read the welcome page and the charter, and acknowledge it (the arrival path, magellan.views_arrivee)."""

import rules

from programme.rules import est_membre

# The welcome and the charter are read by every signed-in person; acknowledging it is for the community's members.
rules.add_perm("magellan.lire_bienvenue", rules.is_authenticated)
rules.add_perm("magellan.lire_charte", rules.is_authenticated)
rules.add_perm("magellan.prendre_connaissance_charte", est_membre)
