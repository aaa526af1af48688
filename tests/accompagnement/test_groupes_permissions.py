"""A groupe de partage's topic reaches its members and the coaches only, across every page of the groups (the
statuses per visitor are in the permission matrix, tests/matrice/)."""

import pytest

from tests.matrice import VISITEURS, groupes


@pytest.fixture
def monde(scenario):
    """The matrix's world of the groups: the défi's EIG in a published group, the other défi's EIG in another,
    and a draft group with both."""
    return {**scenario, **groupes.preparer(scenario)}


@pytest.mark.parametrize("visiteur", VISITEURS)
def test_seuls_les_membres_et_les_coachs_voient_un_groupe(client, monde, visiteur):
    """Across every page, a group's topic reaches its members and the coaches only; drafts reach the coaches."""
    if visiteur != "anonyme":
        client.force_login(monde["personnes"][visiteur])
    vus = set()
    for entree in groupes.ENTREES:
        if entree.methode == "GET":
            page = client.get(entree.url(monde)).content.decode()
            vus |= {numero for numero in (1, 2) if f"Sujet confidentiel du groupe {numero}" in page}
    attendus = {"coach": {1, 2}, "coach_autre": {1, 2}, "eig": {1}, "eig_autre": {2}}.get(visiteur, set())
    assert vus == attendus
