"""The permission matrix: every page, and the status each visitor gets. Later issues add their pages here.

Each entry: a name, a function building the URL from the scenario's objects, and the expected status per
visitor. Visitors: anonyme, coach, eig (of the défi), porteur (of the défi), sponsor (of the défi),
parrain, intervenant, alumni, eig_autre (an EIG of another défi).
"""

VISITEURS = ["anonyme", "coach", "eig", "porteur", "sponsor", "parrain", "intervenant", "alumni", "eig_autre"]
CONNECTES = [v for v in VISITEURS if v != "anonyme"]


def tous(statut):
    return {v: statut for v in VISITEURS}


def connectes(statut, anonyme=302):
    return {"anonyme": anonyme, **{v: statut for v in CONNECTES}}


def coachs_seulement(autres=403, anonyme=302):
    return {"anonyme": anonyme, "coach": 200, **{v: autres for v in CONNECTES if v != "coach"}}


MATRICE = [
    ("accueil", lambda o: "/", tous(200)),
    ("catalogue des défis", lambda o: "/defis/", tous(200)),
    ("catalogue filtré", lambda o: f"/defis/?promotion={o['promotion'].pk}&theme=999999", tous(200)),
    ("défi visible", lambda o: o["defi"].get_absolute_url(), tous(200)),
    ("défi non publié", lambda o: o["defi_cache"].get_absolute_url(),
     {**tous(404), "coach": 200, "eig": 200, "porteur": 200, "sponsor": 200}),
    ("défi inexistant", lambda o: "/defis/nexiste-pas/", tous(404)),
    ("export CSV", lambda o: "/defis/export.csv", tous(200)),
    ("export JSON", lambda o: "/defis/export.json", tous(200)),
    ("données ouvertes", lambda o: "/donnees-ouvertes/", tous(200)),
    ("accessibilité", lambda o: "/accessibilite/", tous(200)),
    ("mentions légales", lambda o: "/mentions-legales/", tous(200)),
    ("connexion par code", lambda o: "/comptes/login/code/", {**tous(302), "anonyme": 200}),
    ("mon espace", lambda o: "/espace/", connectes(200)),
    ("inviter une personne", lambda o: "/invitations/nouvelle/", coachs_seulement()),
    ("invitation inconnue", lambda o: "/invitation/jeton-inconnu/", tous(410)),
    ("administration", lambda o: "/admin/", {**connectes(302), "coach": 200}),
    ("administration des personnes", lambda o: "/admin/programme/personne/", {**connectes(302), "coach": 200}),
    ("administration des défis", lambda o: "/admin/defis/defi/", {**connectes(302), "coach": 200}),
    ("fiche d'une promotion", lambda o: f"/admin/programme/promotion/{o['promotion'].pk}/change/",
     {**connectes(302), "coach": 200}),
]
