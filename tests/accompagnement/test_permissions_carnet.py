"""The carnet de bord's confidential words reach only the EIG who wrote them and the coaches, across every page
of the carnet (the statuses per visitor are in the permission matrix, tests/matrice/)."""

import pytest

from tests.matrice import VISITEURS, carnet


@pytest.fixture
def monde(scenario):
    """The matrix's world of the carnet: a carnet for the défi's EIG and for the other défi's EIG."""
    return {**scenario, **carnet.preparer(scenario)}


@pytest.mark.parametrize("visiteur", VISITEURS)
def test_seuls_l_eig_et_les_coachs_lisent_le_mot_pour_les_coachs(client, monde, visiteur):
    """Across every page of the carnet, an EIG's confidential words reach only them and the coaches."""
    if visiteur != "anonyme":
        client.force_login(monde["personnes"][visiteur])
    vus = set()
    for entree in carnet.ENTREES:
        if entree.methode == "GET":
            page = client.get(entree.url(monde)).content.decode()
            vus |= {auteur for auteur in ("eig", "eig_autre") if f"Confidentiel [{auteur}]" in page}
    attendus = {"coach": {"eig", "eig_autre"}, "coach_autre": {"eig", "eig_autre"}, "eig": {"eig"},
                "eig_autre": {"eig_autre"}}.get(visiteur, set())
    assert vus == attendus
