"""The permission matrix: every URL, as anonymous and as each role, gives the expected status."""

import pytest

from tests.matrice import MATRICE, VISITEURS


CAS = [(nom, construire, visiteur, attendus[visiteur]) for nom, construire, attendus in MATRICE for visiteur in VISITEURS]


@pytest.mark.parametrize("nom,construire,visiteur,attendu", CAS, ids=[f"{c[0]}-{c[2]}" for c in CAS])
def test_matrice_des_permissions(client, scenario, nom, construire, visiteur, attendu):
    """Each visitor gets exactly the status the matrix expects for each page."""
    if visiteur != "anonyme":
        client.force_login(scenario["personnes"][visiteur])
    reponse = client.get(construire(scenario))
    assert reponse.status_code == attendu, f"{nom} en tant que {visiteur} : {reponse.status_code} au lieu de {attendu}"
