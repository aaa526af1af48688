"""The permission matrix of the sessions' pages: every URL, read and written, as anonymous and as each role.

A session is seen by the coaches, and — once published or cancelled — by the people it invites, those who
answered it and those who lead it; others get a 404. The coaches' pages answer 403 to everyone else.
"""

import pytest

from accompagnement.factories import SessionFactory
from accompagnement.models import Session
from tests.matrice import CONNECTES, VISITEURS, coachs_seulement, connectes, tous

Audience = Session.Audience


@pytest.fixture
def objets(scenario):
    """The scenario with sessions: one for the whole promotion, one for the défi's team, one for the
    porteurs, a draft, a list inviting eig_autre led by the intervenant, and a cancelled one."""
    promotion, personnes = scenario["promotion"], scenario["personnes"]
    return {
        **scenario,
        "promotion_entiere": SessionFactory(promotion=promotion),
        "du_defi": SessionFactory(promotion=promotion, audience=Audience.DEFI, defi=scenario["defi"]),
        "porteurs": SessionFactory(promotion=promotion, audience=Audience.PORTEURS),
        "brouillon": SessionFactory(promotion=promotion, statut=Session.Statut.BROUILLON),
        "liste": SessionFactory(promotion=promotion, audience=Audience.LISTE, invites=[personnes["eig_autre"]],
                                facilitateurs=[personnes["intervenant"]]),
        "annulee": SessionFactory(promotion=promotion, audience=Audience.DEFI, defi=scenario["autre_defi"],
                                  statut=Session.Statut.ANNULEE, motif_annulation="Grève"),
    }


def seulement(statut_pour_eux, *visiteurs, autres=404):
    """Anonymous visitors go to the login page; `visiteurs` get `statut_pour_eux`, the other people `autres`."""
    return {"anonyme": 302, **{v: (statut_pour_eux if v in visiteurs else autres) for v in CONNECTES}}


def coachs_ecrivent():
    """A coach's POST succeeds and redirects; anybody else's is forbidden."""
    return {**coachs_seulement(), "coach": 302}


EQUIPE = ("coach", "eig", "porteur", "sponsor")

# (name, method, URL from the objects, expected status per visitor)
MATRICE_SESSIONS = [
    ("catalogue des dispositifs", "get", lambda o: "/programme/accompagnement/", tous(200)),
    ("page d'un dispositif", "get", lambda o: "/programme/accompagnement/atelier-collaboratif/", tous(200)),
    ("dispositif inexistant", "get", lambda o: "/programme/accompagnement/nexiste-pas/", tous(404)),
    ("sessions à venir", "get", lambda o: "/sessions/a-venir/", connectes(200)),
    ("session de toute la promotion", "get", lambda o: f"/sessions/{o['promotion_entiere'].pk}/", connectes(200)),
    ("session d'un défi", "get", lambda o: f"/sessions/{o['du_defi'].pk}/", seulement(200, *EQUIPE)),
    ("séminaire porteurs", "get", lambda o: f"/sessions/{o['porteurs'].pk}/",
     seulement(200, "coach", "porteur", "sponsor")),
    ("session en brouillon", "get", lambda o: f"/sessions/{o['brouillon'].pk}/", seulement(200, "coach")),
    ("session sur liste, animée", "get", lambda o: f"/sessions/{o['liste'].pk}/",
     seulement(200, "coach", "eig_autre", "intervenant")),
    ("session annulée d'un autre défi", "get", lambda o: f"/sessions/{o['annulee'].pk}/",
     seulement(200, "coach", "eig_autre")),
    ("session inexistante", "get", lambda o: "/sessions/999999/", seulement(404)),
    ("s'inscrire à la session du défi", "post", lambda o: f"/sessions/{o['du_defi'].pk}/reponse/",
     {**seulement(302, "eig", "porteur", "sponsor"), "coach": 403}),
    ("s'inscrire à un brouillon", "post", lambda o: f"/sessions/{o['brouillon'].pk}/reponse/",
     {**seulement(404), "coach": 403}),
    ("répondre à une session annulée", "post", lambda o: f"/sessions/{o['annulee'].pk}/reponse/",
     {**seulement(404), "coach": 403, "eig_autre": 403}),
    ("liste des sessions (coachs)", "get", lambda o: "/coachs/sessions/", coachs_seulement()),
    ("liste filtrée (coachs)", "get",
     lambda o: f"/coachs/sessions/?promotion={o['promotion'].pk}&statut=brouillon&mois=2020-13", coachs_seulement()),
    ("nouvelle session", "get", lambda o: f"/coachs/sessions/promotion/{o['promotion'].pk}/nouvelle/",
     coachs_seulement()),
    ("modifier une session", "get", lambda o: f"/coachs/sessions/{o['du_defi'].pk}/modifier/", coachs_seulement()),
    ("modifier une session (envoi)", "post", lambda o: f"/coachs/sessions/{o['du_defi'].pk}/modifier/",
     coachs_seulement()),
    ("annuler une session", "get", lambda o: f"/coachs/sessions/{o['du_defi'].pk}/annuler/", coachs_seulement()),
    ("annuler une session (envoi)", "post", lambda o: f"/coachs/sessions/{o['du_defi'].pk}/annuler/",
     {**coachs_seulement(), "coach": 200}),
    ("émargement", "get", lambda o: f"/coachs/sessions/{o['promotion_entiere'].pk}/emargement/", coachs_seulement()),
    ("émargement (envoi)", "post", lambda o: f"/coachs/sessions/{o['promotion_entiere'].pk}/emargement/",
     coachs_ecrivent()),
    ("publier une session", "post", lambda o: f"/coachs/sessions/{o['brouillon'].pk}/publier/", coachs_ecrivent()),
    ("supprimer un brouillon", "post", lambda o: f"/coachs/sessions/{o['brouillon'].pk}/supprimer/",
     coachs_ecrivent()),
    ("planifier le calendrier", "get", lambda o: f"/coachs/sessions/promotion/{o['promotion'].pk}/planifier/",
     coachs_seulement()),
    ("planifier le calendrier (envoi)", "post",
     lambda o: f"/coachs/sessions/promotion/{o['promotion'].pk}/planifier/", coachs_ecrivent()),
    ("calendrier planifié", "get", lambda o: f"/coachs/sessions/promotion/{o['promotion'].pk}/calendrier/",
     coachs_seulement()),
    ("publier le calendrier", "post", lambda o: f"/coachs/sessions/promotion/{o['promotion'].pk}/publier/",
     coachs_ecrivent()),
    ("promotion inexistante", "get", lambda o: "/coachs/sessions/promotion/999999/calendrier/",
     {**coachs_seulement(), "coach": 404}),
    ("administration des dispositifs", "get", lambda o: "/admin/accompagnement/dispositif/",
     {**connectes(302), "coach": 200}),
    ("administration des sessions", "get", lambda o: "/admin/accompagnement/session/",
     {**connectes(302), "coach": 200}),
    ("fiche d'une session dans l'administration", "get",
     lambda o: f"/admin/accompagnement/session/{o['du_defi'].pk}/change/", {**connectes(302), "coach": 200}),
]

CAS = [
    (nom, methode, construire, visiteur, attendus[visiteur])
    for nom, methode, construire, attendus in MATRICE_SESSIONS for visiteur in VISITEURS
]


@pytest.mark.parametrize("nom,methode,construire,visiteur,attendu", CAS, ids=[f"{c[0]}-{c[3]}" for c in CAS])
def test_matrice_des_permissions_des_sessions(client, objets, nom, methode, construire, visiteur, attendu):
    """Each visitor gets exactly the expected status on each sessions' page, in reading and in writing."""
    if visiteur != "anonyme":
        client.force_login(objets["personnes"][visiteur])
    reponse = getattr(client, methode)(construire(objets), {"reponse": "inscrire"} if methode == "post" else None)
    assert reponse.status_code == attendu, f"{nom} en tant que {visiteur} : {reponse.status_code} au lieu de {attendu}"
