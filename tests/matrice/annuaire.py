"""The annuaire de la communauté: members only, and each person's choices of what it shows of them."""

from programme.services import photo_remplacer
from tests.programme.outils_photos import photo_televersee

from .attendus import Entree, connectes, pour


def preparer(monde):
    """The EIG's photo, which she chose to show, and the alumni's, which he did not."""
    montree, cachee = monde["personnes"]["eig"], monde["personnes"]["alumni"]
    for personne in (montree, cachee):
        photo_remplacer(personne, photo_televersee())
    montree.annuaire_photo = True
    montree.save(update_fields=["annuaire_photo"])
    return {"photo_montree": montree, "photo_cachee": cachee}


ENTREES = [
    Entree("annuaire", lambda o: "/annuaire/", connectes(200)),
    Entree("annuaire recherché", lambda o: f"/annuaire/?nom=a&profil=parrain&promotion={o['promotion'].pk}&domaine=1",
           connectes(200)),
    Entree("mon profil dans l'annuaire", lambda o: "/espace/annuaire/", connectes(200)),
    Entree("enregistrer mon profil dans l'annuaire", lambda o: "/espace/annuaire/", connectes(302), "POST",
           lambda o: {"annuaire_liens": "on"}),
    Entree("déposer ma photo dans l'annuaire", lambda o: "/espace/annuaire/", connectes(302), "POST",
           lambda o: {"photo": photo_televersee()}),
    Entree("photo montrée dans l'annuaire", lambda o: f"/annuaire/photos/{o['photo_montree'].pk}/", connectes(200)),
    Entree("photo que la personne ne montre pas", lambda o: f"/annuaire/photos/{o['photo_cachee'].pk}/",
           pour(200, "alumni", autres=404)),
]
