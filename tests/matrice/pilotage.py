"""The coaches' dashboard of a promotion and the pages of its parts: coaches only; others get 403, anonymous
visitors are sent to log in."""

from magellan.selectors_tableau import VOLETS

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
    *(Entree(f"tableau de bord, {titre}", lambda o, volet=volet: f"/coachs/tableau-de-bord/{volet}/?promotion="
             f"{o['promotion'].pk}", coachs_seulement()) for volet, titre in VOLETS.items()),
    Entree("tableau de bord, partie inconnue", lambda o: "/coachs/tableau-de-bord/inconnue/",
           coachs_seulement(statut=404)),
]
