"""Deleting an entry of heures d'accélération is a POST (its statuses per visitor are in the permission matrix,
tests/matrice/)."""

from accompagnement.factories import HeureAccelerationFactory
from accompagnement.models import HeureAcceleration


def test_supprimer_une_saisie_ne_se_fait_pas_par_un_simple_lien(client, scenario):
    """Deleting is POST only: a GET by its parrain changes nothing (405)."""
    heure = HeureAccelerationFactory(parrain=scenario["personnes"]["parrain"], defi=scenario["defi"])
    client.force_login(scenario["personnes"]["parrain"])
    assert client.get(f"/heures/{heure.pk}/supprimer/").status_code == 405
    assert HeureAcceleration.objects.filter(pk=heure.pk).exists()
