"""The coaches' dashboard of a promotion: coaches only; others get 403, anonymous visitors are sent to log in."""

from .attendus import Entree, coachs_seulement


def preparer(monde):
    """Nothing of its own: the dashboard reads what the other domains made."""
    return {}


ENTREES = [
    Entree("tableau de bord des coachs", lambda o: "/coachs/tableau-de-bord/", coachs_seulement()),
    Entree("tableau de bord d'une promotion choisie",
           lambda o: f"/coachs/tableau-de-bord/?promotion={o['promotion'].pk}", coachs_seulement()),
    Entree("tableau de bord d'une promotion inconnue", lambda o: "/coachs/tableau-de-bord/?promotion=999999",
           coachs_seulement()),
]
