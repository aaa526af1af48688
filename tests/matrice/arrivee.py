"""The arrival path's pages: the welcome (opening it ticks a step) and the community's charter, read by every
signed-in person and acknowledged by the community's members (every visitor of the matrix holds a role)."""

from .attendus import Entree, connectes


def preparer(monde):
    return {}


ENTREES = [
    Entree("mot d'accueil", lambda o: "/bienvenue/", connectes(200)),
    Entree("charte de la communauté", lambda o: "/charte/", connectes(200)),
    Entree("prendre connaissance de la charte", lambda o: "/charte/", connectes(302), "POST", lambda o: {}),
]
