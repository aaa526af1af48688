"""The sessions: the catalogue of dispositifs, a session's page and answer, the coaches' planning pages.

A session is seen by the coaches, and — once published or cancelled — by the people it invites, those who
answered it and those who lead it; others get a 404. The coaches' pages answer 403 to everyone else.
"""

from accompagnement.factories import SessionFactory
from accompagnement.models import Session

from .attendus import (
    COACHS,
    EQUIPE,
    EQUIPE_AILLEURS,
    EQUIPE_AUTRE,
    LES_SPONSORS,
    Entree,
    coachs_seulement,
    connectes,
    pour,
    tous,
)

Audience = Session.Audience
REPONDRE = {"reponse": "inscrire"}


def preparer(monde):
    """Sessions: one for the whole promotion, one for the défi's team, one for the porteurs, a draft, a list
    inviting eig_autre led by the intervenant, and a cancelled one of the other défi."""
    promotion, personnes = monde["promotion"], monde["personnes"]
    return {
        "promotion_entiere": SessionFactory(promotion=promotion),
        "du_defi": SessionFactory(promotion=promotion, audience=Audience.DEFI, defi=monde["defi"]),
        "porteurs": SessionFactory(promotion=promotion, audience=Audience.PORTEURS),
        "brouillon": SessionFactory(promotion=promotion, statut=Session.Statut.BROUILLON),
        "liste": SessionFactory(promotion=promotion, audience=Audience.LISTE, invites=[personnes["eig_autre"]],
                                facilitateurs=[personnes["intervenant"]]),
        "annulee": SessionFactory(promotion=promotion, audience=Audience.DEFI, defi=monde["autre_defi"],
                                  statut=Session.Statut.ANNULEE, motif_annulation="Grève"),
    }


def _coachs(suite, methode="GET", statut=200):
    return Entree(f"{suite} ({methode})", lambda o: f"/coachs/sessions/{suite.format(**_cles(o))}",
                  coachs_seulement(statut=statut), methode, (lambda o: REPONDRE) if methode == "POST" else None)


def _cles(o):
    return {"promotion": o["promotion"].pk, "du_defi": o["du_defi"].pk, "brouillon": o["brouillon"].pk,
            "promotion_entiere": o["promotion_entiere"].pk}


ENTREES = [
    Entree("catalogue des dispositifs", lambda o: "/programme/accompagnement/", tous(200)),
    Entree("page d'un dispositif", lambda o: "/programme/accompagnement/atelier-collaboratif/", tous(200)),
    Entree("dispositif inexistant", lambda o: "/programme/accompagnement/nexiste-pas/", tous(404)),
    Entree("sessions à venir", lambda o: "/sessions/a-venir/", connectes(200)),
    Entree("session de toute la promotion", lambda o: f"/sessions/{o['promotion_entiere'].pk}/",
           pour(404, EQUIPE_AILLEURS, autres=200)),
    Entree("session d'un défi", lambda o: f"/sessions/{o['du_defi'].pk}/", pour(200, COACHS, EQUIPE, autres=404)),
    Entree("séminaire porteurs", lambda o: f"/sessions/{o['porteurs'].pk}/",
           pour(200, COACHS, "porteur", "porteur_autre", LES_SPONSORS, autres=404)),
    Entree("session en brouillon", lambda o: f"/sessions/{o['brouillon'].pk}/", pour(200, COACHS, autres=404)),
    Entree("session sur liste, animée", lambda o: f"/sessions/{o['liste'].pk}/",
           pour(200, COACHS, "eig_autre", "intervenant", autres=404)),
    Entree("session annulée d'un autre défi", lambda o: f"/sessions/{o['annulee'].pk}/",
           pour(200, COACHS, EQUIPE_AUTRE, autres=404)),
    Entree("session inexistante", lambda o: "/sessions/999999/", pour(404, autres=404)),
    Entree("s'inscrire à la session du défi", lambda o: f"/sessions/{o['du_defi'].pk}/reponse/",
           pour(302, EQUIPE, autres=404) | {c: 403 for c in COACHS}, "POST", lambda o: REPONDRE),
    Entree("s'inscrire à un brouillon", lambda o: f"/sessions/{o['brouillon'].pk}/reponse/",
           pour(403, COACHS, autres=404), "POST", lambda o: REPONDRE),
    Entree("répondre à une session annulée", lambda o: f"/sessions/{o['annulee'].pk}/reponse/",
           pour(403, COACHS, EQUIPE_AUTRE, autres=404), "POST", lambda o: REPONDRE),
    Entree("liste des sessions (coachs)", lambda o: "/coachs/sessions/", coachs_seulement()),
    Entree("liste filtrée (coachs)",
           lambda o: f"/coachs/sessions/?promotion={o['promotion'].pk}&statut=brouillon&mois=2020-13",
           coachs_seulement()),
    _coachs("promotion/{promotion}/nouvelle/"),
    _coachs("promotion/{promotion}/nouvelle/", "POST"),
    _coachs("{du_defi}/modifier/"),
    _coachs("{du_defi}/modifier/", "POST"),
    _coachs("{du_defi}/annuler/"),
    _coachs("{du_defi}/annuler/", "POST"),
    _coachs("{promotion_entiere}/emargement/"),
    _coachs("{promotion_entiere}/emargement/", "POST", statut=302),
    _coachs("{brouillon}/publier/", "POST", statut=302),
    _coachs("{brouillon}/supprimer/", "POST", statut=302),
    _coachs("promotion/{promotion}/planifier/"),
    _coachs("promotion/{promotion}/planifier/", "POST", statut=302),
    _coachs("promotion/{promotion}/calendrier/"),
    _coachs("promotion/{promotion}/publier/", "POST", statut=302),
    Entree("calendrier d'une promotion inexistante", lambda o: "/coachs/sessions/promotion/999999/calendrier/",
           coachs_seulement(statut=404)),
]
