"""The carnet de bord in the permission matrix: seen by the EIG who writes it and by the coaches, nobody else.

An EIG's carnet answers 404 to everyone else (porteurs, sponsors, parrains, other EIG…), as if it did not exist;
one's own carnet pages answer 403 to whoever is not an EIG, the coaches' list 403 to whoever is not a coach.
"""

import pytest

from accompagnement.factories import CarnetDeBordFactory
from programme.models import Competence
from tests.matrice import VISITEURS, coachs_seulement, connectes

LES_EIG = {**connectes(403), "eig": 200, "eig_autre": 200}

PAGES = [
    ("mon carnet", lambda o: "/carnet-de-bord/", LES_EIG),
    ("écrire mon carnet", lambda o: "/carnet-de-bord/ecrire/", LES_EIG),
    ("carnet de l'EIG du défi", lambda o: f"/carnet-de-bord/{o['personnes']['eig'].pk}/",
     {**connectes(404), "coach": 200, "eig": 200}),
    ("carnet de l'EIG d'un autre défi", lambda o: f"/carnet-de-bord/{o['personnes']['eig_autre'].pk}/",
     {**connectes(404), "coach": 200, "eig_autre": 200}),
    ("carnet d'une personne qui n'est pas EIG", lambda o: f"/carnet-de-bord/{o['personnes']['porteur'].pk}/",
     connectes(404)),
    ("carnet inexistant", lambda o: "/carnet-de-bord/999999/", connectes(404)),
    ("carnets de la promotion", lambda o: "/coachs/carnets/", coachs_seulement()),
    ("carnets d'une promotion choisie", lambda o: f"/coachs/carnets/?promotion={o['promotion'].pk}",
     coachs_seulement()),
    ("administration des carnets", lambda o: "/admin/accompagnement/carnetdebord/", {**connectes(302), "coach": 200}),
    ("fiche d'un carnet", lambda o: f"/admin/accompagnement/carnetdebord/{o['carnet'].pk}/change/",
     {**connectes(302), "coach": 200}),
]


@pytest.fixture
def monde(scenario):
    """The matrix's world, with a carnet for the défi's EIG and for the other défi's EIG."""
    carnets = [CarnetDeBordFactory(eig=scenario["personnes"][v], mot_coachs=f"Confidentiel [{v}]")
               for v in ("eig", "eig_autre")]
    return {**scenario, "carnet": carnets[0]}


CAS = [(nom, url, v, attendus[v]) for nom, url, attendus in PAGES for v in VISITEURS]


@pytest.mark.parametrize("nom,url,visiteur,attendu", CAS, ids=[f"{c[0]}-{c[2]}" for c in CAS])
def test_matrice_des_pages_du_carnet(client, monde, nom, url, visiteur, attendu):
    """Each visitor gets exactly the status the matrix expects on each page of the carnet de bord."""
    if visiteur != "anonyme":
        client.force_login(monde["personnes"][visiteur])
    reponse = client.get(url(monde))
    assert reponse.status_code == attendu, f"{nom} en tant que {visiteur} : {reponse.status_code} au lieu de {attendu}"


@pytest.mark.parametrize("visiteur", VISITEURS)
def test_seuls_l_eig_et_les_coachs_lisent_le_mot_pour_les_coachs(client, monde, visiteur):
    """Across every page of the carnet, an EIG's confidential words reach only them and the coaches."""
    if visiteur != "anonyme":
        client.force_login(monde["personnes"][visiteur])
    vus = set()
    for _nom, url, _attendus in PAGES:
        page = client.get(url(monde)).content.decode()
        vus |= {auteur for auteur in ("eig", "eig_autre") if f"Confidentiel [{auteur}]" in page}
    attendus = {"coach": {"eig", "eig_autre"}, "eig": {"eig"}, "eig_autre": {"eig_autre"}}.get(visiteur, set())
    assert vus == attendus


def _saisie():
    donnees = {"objectifs": "Mes objectifs."}
    donnees.update({f"competence_{c.pk}": "2" for c in Competence.objects.filter(phase=2, public="eig")})
    return donnees


@pytest.mark.parametrize("visiteur", VISITEURS)
def test_ecrire_un_carnet_reserve_aux_eig(client, monde, visiteur):
    """Posting an entry is done for an EIG (redirect) and refused to anyone else, anonymous sent to log in."""
    if visiteur != "anonyme":
        client.force_login(monde["personnes"][visiteur])
    attendu = {**connectes(403), "eig": 302, "eig_autre": 302}[visiteur]
    assert client.post("/carnet-de-bord/ecrire/", _saisie()).status_code == attendu
