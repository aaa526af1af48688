"""The groupes de partage in the permission matrix: the coaches compose, move and publish; an EIG sees only the
groups they belong to; everyone else gets 403 (or 404 for a group they cannot see)."""

import datetime

import pytest
from django.utils import timezone

from accompagnement.models import GroupePartage, MembreGroupe
from tests.matrice import VISITEURS, coachs_seulement, connectes

LES_EIG = {**connectes(403), "eig": 200, "eig_autre": 200}
MOIS = datetime.date(2027, 2, 1)
# A coach's action ends on the preview (302); anonymous visitors are sent to log in (302 too).
ACTION_DE_COACH = {**connectes(403), "coach": 302}


def _groupe(promotion, type_groupe, numero, membres, publie=True):
    groupe = GroupePartage.objects.create(promotion=promotion, mois=MOIS, type=type_groupe, numero=numero,
                                          publie_le=timezone.now() if publie else None,
                                          sujet=f"Sujet confidentiel du groupe {numero}")
    MembreGroupe.objects.bulk_create([MembreGroupe(groupe=groupe, personne=p, promotion=promotion, mois=MOIS,
                                                   type=type_groupe) for p in membres])
    return groupe


@pytest.fixture
def monde(scenario):
    """The matrix's world: the défi's EIG in a published entre-pairs group, the other défi's EIG in another,
    and a draft group of February with both."""
    promotion, personnes = scenario["promotion"], scenario["personnes"]
    groupe_eig = _groupe(promotion, GroupePartage.Type.PAIRS, 1, [personnes["eig"]])
    groupe_autre = _groupe(promotion, GroupePartage.Type.PAIRS, 2, [personnes["eig_autre"]])
    brouillon = _groupe(promotion, GroupePartage.Type.PLURI, 1, [personnes["eig"], personnes["eig_autre"]],
                        publie=False)
    return {**scenario, "groupe_eig": groupe_eig, "groupe_autre": groupe_autre, "brouillon": brouillon}


def _du_mois(chemin, o):
    return f"{chemin}?promotion={o['promotion'].pk}&mois={MOIS:%Y-%m}"


PAGES = [
    ("mes groupes", lambda o: "/groupes/", LES_EIG),
    ("aperçu des groupes", lambda o: "/coachs/groupes/", coachs_seulement()),
    ("aperçu d'un mois choisi", lambda o: _du_mois("/coachs/groupes/", o), coachs_seulement()),
    ("administration des groupes", lambda o: "/admin/accompagnement/groupepartage/", {**connectes(302), "coach": 200}),
    ("fiche d'un groupe", lambda o: f"/admin/accompagnement/groupepartage/{o['groupe_eig'].pk}/change/",
     {**connectes(302), "coach": 200}),
]

ACTIONS = [
    ("composer", lambda o: _du_mois("/coachs/groupes/composer/", o), {}, ACTION_DE_COACH),
    ("publier", lambda o: _du_mois("/coachs/groupes/publier/", o), {}, ACTION_DE_COACH),
    ("déplacer", lambda o: _du_mois("/coachs/groupes/deplacer/", o), {}, ACTION_DE_COACH),
    ("sujet suivant de son groupe", lambda o: f"/groupes/{o['groupe_eig'].pk}/sujet-suivant/",
     {"sujet": "Un sujet"}, {**connectes(404), "coach": 302, "eig": 302}),
    ("sujet suivant d'un brouillon", lambda o: f"/groupes/{o['brouillon'].pk}/sujet-suivant/",
     {"sujet": "Un sujet"}, {**connectes(404), "coach": 403}),
]

CAS = [(nom, url, v, attendus[v]) for nom, url, attendus in PAGES for v in VISITEURS]
CAS_ACTIONS = [(nom, url, donnees, v, attendus[v]) for nom, url, donnees, attendus in ACTIONS for v in VISITEURS]


@pytest.mark.parametrize("nom,url,visiteur,attendu", CAS, ids=[f"{c[0]}-{c[2]}" for c in CAS])
def test_matrice_des_pages_des_groupes(client, monde, nom, url, visiteur, attendu):
    """Each visitor gets exactly the status the matrix expects on each page of the groupes de partage."""
    if visiteur != "anonyme":
        client.force_login(monde["personnes"][visiteur])
    reponse = client.get(url(monde))
    assert reponse.status_code == attendu, f"{nom} en tant que {visiteur} : {reponse.status_code} au lieu de {attendu}"


@pytest.mark.parametrize("nom,url,donnees,visiteur,attendu", CAS_ACTIONS, ids=[f"{c[0]}-{c[3]}" for c in CAS_ACTIONS])
def test_matrice_des_actions_des_groupes(client, monde, nom, url, donnees, visiteur, attendu):
    """Each visitor gets exactly the status the matrix expects when posting each action of the groups."""
    if visiteur != "anonyme":
        client.force_login(monde["personnes"][visiteur])
    reponse = client.post(url(monde), donnees)
    assert reponse.status_code == attendu, f"{nom} en tant que {visiteur} : {reponse.status_code} au lieu de {attendu}"
    if visiteur == "anonyme":
        assert "/comptes/login/" in reponse["Location"]


@pytest.mark.parametrize("visiteur", VISITEURS)
def test_seuls_les_membres_et_les_coachs_voient_un_groupe(client, monde, visiteur):
    """Across every page, a group's topic reaches its members and the coaches only; drafts reach the coaches."""
    if visiteur != "anonyme":
        client.force_login(monde["personnes"][visiteur])
    vus = set()
    for _nom, url, _attendus in PAGES:
        page = client.get(url(monde)).content.decode()
        vus |= {numero for numero in (1, 2) if f"Sujet confidentiel du groupe {numero}" in page}
    attendus = {"coach": {1, 2}, "eig": {1}, "eig_autre": {2}}.get(visiteur, set())
    assert vus == attendus
