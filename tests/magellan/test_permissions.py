"""The permission matrix: every URL, as anonymous and as each role, gives the expected status."""

import pytest

from defis.factories import DefiFactory, MembreEquipeFactory
from defis.models import MembreEquipe
from programme.factories import PersonneFactory, PromotionFactory, RoleFactory
from programme.models import Role
from tests.matrice import MATRICE, VISITEURS


@pytest.fixture
def scenario(db):
    """One promotion, a visible défi and an unpublished one with the same team, and a person per visitor."""
    promotion = PromotionFactory()
    defi = DefiFactory(promotion=promotion, visible=True)
    defi_cache = DefiFactory(promotion=promotion, visible=False)
    autre_defi = DefiFactory(promotion=promotion)
    personnes = {}
    for visiteur, type_role in [
        ("coach", Role.Type.COACH), ("eig", Role.Type.EIG), ("porteur", Role.Type.PORTEUR),
        ("sponsor", Role.Type.SPONSOR), ("parrain", Role.Type.PARRAIN), ("intervenant", Role.Type.INTERVENANT),
        ("alumni", Role.Type.ALUMNI), ("eig_autre", Role.Type.EIG),
    ]:
        personne = PersonneFactory()
        RoleFactory(personne=personne, promotion=promotion, type=type_role)
        personnes[visiteur] = personne
    for visiteur in ["eig", "porteur", "sponsor"]:
        for d in (defi, defi_cache):
            MembreEquipeFactory(defi=d, personne=personnes[visiteur], role=getattr(MembreEquipe.Role, visiteur.upper()))
    MembreEquipeFactory(defi=autre_defi, personne=personnes["eig_autre"], role=MembreEquipe.Role.EIG)
    return {"promotion": promotion, "defi": defi, "defi_cache": defi_cache, "personnes": personnes}


CAS = [(nom, construire, visiteur, attendus[visiteur]) for nom, construire, attendus in MATRICE for visiteur in VISITEURS]


@pytest.mark.parametrize("nom,construire,visiteur,attendu", CAS, ids=[f"{c[0]}-{c[2]}" for c in CAS])
def test_matrice_des_permissions(client, scenario, nom, construire, visiteur, attendu):
    """Each visitor gets exactly the status the matrix expects for each page."""
    if visiteur != "anonyme":
        client.force_login(scenario["personnes"][visiteur])
    reponse = client.get(construire(scenario))
    assert reponse.status_code == attendu, f"{nom} en tant que {visiteur} : {reponse.status_code} au lieu de {attendu}"
