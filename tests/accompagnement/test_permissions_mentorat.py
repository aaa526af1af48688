"""Cancelling a cycle and withdrawing a slot are POSTs (their statuses per visitor are in the permission matrix,
tests/matrice/)."""

import pytest

from tests.matrice import mentorat


@pytest.fixture
def objets(scenario):
    """The scenario plus the mentorat's objects of the matrix: the coach's and the parrain's cycles and slots."""
    return {**scenario, **mentorat.preparer(scenario)}


@pytest.mark.parametrize("url", ["/mentorat/cycles/{pk}/annuler/", "/mentorat/creneaux/{creneau}/supprimer/"])
def test_les_actions_ne_se_font_pas_par_un_simple_lien(client, objets, url):
    """Cancelling and withdrawing are POST only: a GET, even by the coach, changes nothing (405)."""
    client.force_login(objets["personnes"]["coach"])
    reponse = client.get(url.format(pk=objets["cycle_coach"].pk, creneau=objets["creneau_coach"].pk))
    assert reponse.status_code == 405
    assert objets["cycle_coach"].reservations.filter(annulee_le__isnull=True).count() == 4
