"""The erasure of a person: the coaches only, never of themselves (the other coach erases a coach); everyone else
gets 403 and anonymous visitors are sent to log in."""

from magellan.models import Effacement
from programme.factories import EIGFactory

from .attendus import Entree, coachs_seulement, pour


def preparer(monde):
    """An EIG leaving the programme (no visitor of the matrix) and the trace of an earlier erasure."""
    return {"partante": EIGFactory(promotion=monde["promotion"]),
            "effacement": Effacement.objects.create(par=monde["personnes"]["coach"], ancien_numero=999999,
                                                    types_de_roles="EIG")}


ENTREES = [
    Entree("effacer une personne : la page", lambda o: f"/coachs/personnes/{o['partante'].pk}/effacer/",
           coachs_seulement()),
    Entree("effacer une personne", lambda o: f"/coachs/personnes/{o['partante'].pk}/effacer/",
           coachs_seulement(statut=302), "POST", lambda o: {"confirme": "on"}),
    Entree("effacer un coach (soi-même ou l'autre coach)",
           lambda o: f"/coachs/personnes/{o['personnes']['coach'].pk}/effacer/", pour(200, "coach_autre")),
    Entree("effacer une personne inexistante", lambda o: "/coachs/personnes/999999/effacer/",
           coachs_seulement(statut=404)),
]
