"""The carnet de bord: seen by the EIG who writes it and by the coaches, nobody else.

An EIG's carnet answers 404 to everyone else (porteurs, sponsors, parrains, other EIG…), as if it did not exist;
one's own carnet pages answer 403 to whoever is not an EIG, the coaches' list 403 to whoever is not a coach.
"""

from accompagnement.factories import CarnetDeBordFactory
from programme.models import Competence

from .attendus import COACHS, LES_EIG, Entree, coachs_seulement, connectes, pour


def preparer(monde):
    """A carnet for the défi's EIG and for the other défi's EIG, each with words for the coaches only."""
    carnets = [CarnetDeBordFactory(eig=monde["personnes"][v], mot_coachs=f"Confidentiel [{v}]")
               for v in ("eig", "eig_autre")]
    return {"carnet": carnets[0]}


def saisie(_monde):
    """An entry of the carnet as the form sends it: objectives and a level for each compétence of phase 2."""
    donnees = {"objectifs": "Mes objectifs."}
    donnees.update({f"competence_{c.pk}": "2" for c in Competence.objects.filter(phase=2, public="eig")})
    return donnees


ENTREES = [
    Entree("mon carnet", lambda o: "/carnet-de-bord/", pour(200, LES_EIG)),
    Entree("écrire mon carnet", lambda o: "/carnet-de-bord/ecrire/", pour(200, LES_EIG)),
    Entree("envoyer mon carnet", lambda o: "/carnet-de-bord/ecrire/", pour(302, LES_EIG), "POST", saisie),
    Entree("carnet de l'EIG du défi", lambda o: f"/carnet-de-bord/{o['personnes']['eig'].pk}/",
           pour(200, COACHS, "eig", autres=404)),
    Entree("carnet de l'EIG d'un autre défi", lambda o: f"/carnet-de-bord/{o['personnes']['eig_autre'].pk}/",
           pour(200, COACHS, "eig_autre", autres=404)),
    Entree("carnet d'une personne qui n'est pas EIG", lambda o: f"/carnet-de-bord/{o['personnes']['porteur'].pk}/",
           connectes(404)),
    Entree("carnet inexistant", lambda o: "/carnet-de-bord/999999/", connectes(404)),
    Entree("carnets de la promotion", lambda o: "/coachs/carnets/", coachs_seulement()),
    Entree("carnets d'une promotion choisie", lambda o: f"/coachs/carnets/?promotion={o['promotion'].pk}",
           coachs_seulement()),
]
