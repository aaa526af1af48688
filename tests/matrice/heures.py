"""The heures d'accélération: parrains log hours and delete their own entries (a second parrain cannot); a défi's
team reads the hours its défi received, a member of another défi gets 404; coaches see everything."""

from django.utils import timezone

from accompagnement.factories import HeureAccelerationFactory

from .attendus import COACHS, EQUIPE, EQUIPE_AUTRE, LES_PARRAINS, Entree, coachs_seulement, connectes, pour


def preparer(monde):
    """An hour the parrain gave the défi."""
    return {"heure": HeureAccelerationFactory(parrain=monde["personnes"]["parrain"], defi=monde["defi"])}


ENTREES = [
    Entree("mes heures", lambda o: "/heures/", pour(200, LES_PARRAINS)),
    Entree("mes heures d'un autre mois", lambda o: "/heures/?mois=2024-01", pour(200, LES_PARRAINS)),
    Entree("consigner des heures", lambda o: "/heures/", pour(302, LES_PARRAINS), "POST",
           lambda o: {"date": timezone.localdate().isoformat(), "defi": o["defi"].pk, "duree_minutes": 30,
                      "sujet": "Revue de code"}),
    Entree("supprimer une saisie", lambda o: f"/heures/{o['heure'].pk}/supprimer/",
           pour(302, COACHS, "parrain", autres=404), "POST", lambda o: {}),
    Entree("supprimer une saisie par un simple lien", lambda o: f"/heures/{o['heure'].pk}/supprimer/",
           connectes(405)),
    Entree("supprimer une saisie inexistante", lambda o: "/heures/999999/supprimer/", connectes(404), "POST",
           lambda o: {}),
    Entree("suivi des coachs", lambda o: "/heures/suivi/", coachs_seulement()),
    Entree("suivi filtré", lambda o: f"/heures/suivi/?promotion={o['promotion'].pk}&mois=2024-01",
           coachs_seulement()),
    Entree("heures reçues par le défi", lambda o: f"/defis/{o['defi'].slug}/heures/",
           pour(200, COACHS, EQUIPE, autres=404)),
    Entree("heures reçues par un défi non publié", lambda o: f"/defis/{o['defi_cache'].slug}/heures/",
           pour(200, COACHS, EQUIPE, autres=404)),
    Entree("heures reçues par l'autre défi", lambda o: f"/defis/{o['autre_defi'].slug}/heures/",
           pour(200, COACHS, EQUIPE_AUTRE, autres=404)),
    Entree("heures d'un défi inexistant", lambda o: "/defis/nexiste-pas/heures/", connectes(404)),
]
