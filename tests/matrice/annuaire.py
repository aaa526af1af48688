"""The annuaire de la communauté: members only, and each person's choices of what it shows of them."""

from .attendus import Entree, connectes


def preparer(monde):
    return {}


ENTREES = [
    Entree("annuaire", lambda o: "/annuaire/", connectes(200)),
    Entree("annuaire recherché", lambda o: f"/annuaire/?nom=a&profil=parrain&promotion={o['promotion'].pk}&domaine=1",
           connectes(200)),
    Entree("mon profil dans l'annuaire", lambda o: "/espace/annuaire/", connectes(200)),
    Entree("enregistrer mon profil dans l'annuaire", lambda o: "/espace/annuaire/", connectes(302), "POST",
           lambda o: {"annuaire_liens": "on"}),
]
