"""The permission matrix of the evaluations: every page, file and sensitive action, for every visitor.

A sponsor, a parrain, an EIG of another défi and an anonymous visitor reach no support, no file and no
unpublished rapport, neither by a page nor by a guessed address; the sponsor reads the published rapports of
their défi; the team (EIG, porteurs) writes the support; only porteurs submit it.
"""

import datetime

import pytest
from django.utils import timezone

from evaluations.factories import (
    ComiteFactory, ObjectifFactory, PieceJointeFactory, RapportFactory, SupportFactory,
)
from evaluations.services.rapports import rapport_publier
from evaluations.services.supports import support_soumettre
from tests.matrice import CONNECTES, VISITEURS, coachs_seulement, connectes

AUTRES = ["sponsor", "parrain", "intervenant", "alumni", "eig_autre"]


def equipe_et_coach(ok=200):
    """The team and the coaches; anyone else gets 404, as if nothing were there."""
    return {"anonyme": 302, "coach": ok, "eig": ok, "porteur": ok, **{v: 404 for v in AUTRES}}


def lecteurs_du_rapport_publie(ok=200, equipe=None):
    """Coach, team and sponsor; the others 404."""
    attendus = {"anonyme": 302, **{v: 404 for v in CONNECTES}, "coach": ok}
    attendus.update({v: ok if equipe is None else equipe for v in ("eig", "porteur", "sponsor")})
    return attendus


def coach_seul(autres=404):
    return {"anonyme": 302, **{v: autres for v in CONNECTES}, "coach": 200}


def personne():
    return {"anonyme": 302, **{v: 404 for v in CONNECTES}}


@pytest.fixture
def evaluations(scenario):
    """Phase 1 of `defi`: comité held, support submitted with a file, rapport published. Phase 2: comité to come,
    draft support with an objective and a file, draft rapport. The same in phase 2 for `defi_cache` and
    `autre_defi` (a file each); `autre_defi` also has a published rapport in phase 1."""
    coach = scenario["personnes"]["coach"]
    passe = ComiteFactory(defi=scenario["defi"], numero=1, debut=timezone.now() - datetime.timedelta(days=3),
                          coachs=[coach])
    support_passe = SupportFactory(comite=passe)
    ObjectifFactory(support=support_passe)
    piece_passe = PieceJointeFactory(support=support_passe)
    support_soumettre(support_passe, par=scenario["personnes"]["porteur"])
    rapport_publier(RapportFactory(comite=passe), par=coach)
    autre_passe = ComiteFactory(defi=scenario["autre_defi"], numero=1,
                                debut=timezone.now() - datetime.timedelta(days=3), coachs=[coach])
    rapport_publier(RapportFactory(comite=autre_passe), par=coach)
    objets = {"passe": passe, "piece_passe": piece_passe, "autre_passe": autre_passe}
    for cle, defi in [("courant", scenario["defi"]), ("cache", scenario["defi_cache"]),
                      ("autre", scenario["autre_defi"])]:
        comite = ComiteFactory(defi=defi, numero=2, debut=timezone.now() + datetime.timedelta(days=20),
                               coachs=[coach])
        support = SupportFactory(comite=comite)
        ObjectifFactory(support=support)
        objets[cle] = comite
        objets[f"piece_{cle}"] = PieceJointeFactory(support=support)
        RapportFactory(comite=comite)
    return {**scenario, **objets}


def c(o, cle="courant", suite=""):
    """The address of a comité's page, or of a page under it."""
    comite = o[cle]
    return f"/defis/{comite.defi.slug}/evaluations/phase-{comite.phase.numero}/{suite}"


MATRICE = [
    ("GET", "tableau des évaluations", lambda o: "/evaluations/", coachs_seulement()),
    ("GET", "tableau filtré", lambda o: f"/evaluations/?promotion={o['promotion'].pk}&phase=2&support=en_retard",
     coachs_seulement()),
    ("POST", "créer les comités d'une phase", lambda o: "/evaluations/comites/creer/",
     {**coachs_seulement(), "coach": 302}),
    ("GET", "évaluations du défi", lambda o: f"/defis/{o['defi'].slug}/evaluations/",
     {"anonyme": 302, "coach": 200, "eig": 200, "porteur": 200, "sponsor": 200,
      "parrain": 403, "intervenant": 403, "alumni": 403, "eig_autre": 403}),
    ("GET", "évaluations du défi non publié", lambda o: f"/defis/{o['defi_cache'].slug}/evaluations/",
     {"anonyme": 302, "coach": 200, "eig": 200, "porteur": 200, "sponsor": 200,
      "parrain": 404, "intervenant": 404, "alumni": 404, "eig_autre": 404}),
    ("GET", "évaluations d'un défi inexistant", lambda o: "/defis/nexiste-pas/evaluations/", personne()),
    ("GET", "comité", lambda o: c(o), lecteurs_du_rapport_publie()),
    ("GET", "comité sans objet (phase 3)", lambda o: c(o, suite="").replace("phase-2", "phase-3"), personne()),
    ("GET", "comité d'une phase inexistante", lambda o: c(o).replace("phase-2", "phase-9"), personne()),
    ("GET", "comité d'une phase au numéro démesuré", lambda o: c(o).replace("phase-2", "phase-99999999999999999999"),
     personne()),
    ("GET", "planifier le comité", lambda o: c(o, suite="planifier/"),
     lecteurs_du_rapport_publie(ok=403) | {"coach": 200}),
    ("GET", "support en brouillon", lambda o: c(o, suite="support/"), equipe_et_coach()),
    ("GET", "support soumis", lambda o: c(o, "passe", "support/"), equipe_et_coach()),
    ("GET", "support du défi non publié", lambda o: c(o, "cache", "support/"), equipe_et_coach()),
    ("GET", "support d'un autre défi", lambda o: c(o, "autre", "support/"),
     {"anonyme": 302, **{v: 404 for v in CONNECTES}, "coach": 200, "eig_autre": 200}),
    ("GET", "rédiger le support", lambda o: c(o, suite="support/modifier/"), equipe_et_coach() | {"coach": 403}),
    ("GET", "rédiger un support soumis", lambda o: c(o, "passe", "support/modifier/"),
     equipe_et_coach(ok=302) | {"coach": 403}),
    ("POST", "enregistrer le support", lambda o: c(o, suite="support/modifier/"),
     equipe_et_coach(ok=302) | {"coach": 403}),
    ("POST", "soumettre le support", lambda o: c(o, suite="support/soumettre/"),
     equipe_et_coach() | {"coach": 403, "eig": 403, "porteur": 302}),
    ("GET", "soumettre par GET (405, sans rien révéler)", lambda o: c(o, suite="support/soumettre/"),
     connectes(405)),
    ("POST", "rouvrir le support", lambda o: c(o, "passe", "support/rouvrir/"),
     equipe_et_coach(ok=403) | {"coach": 302}),
    ("GET", "historique du support", lambda o: c(o, suite="support/historique/"), equipe_et_coach()),
    ("GET", "fichier d'un support en brouillon",
     lambda o: c(o, suite=f"support/fichiers/{o['piece_courant'].pk}/"), equipe_et_coach()),
    ("GET", "fichier d'un support soumis",
     lambda o: c(o, "passe", f"support/fichiers/{o['piece_passe'].pk}/"), equipe_et_coach()),
    ("GET", "fichier du défi non publié",
     lambda o: c(o, "cache", f"support/fichiers/{o['piece_cache'].pk}/"), equipe_et_coach()),
    ("GET", "fichier d'un autre défi deviné sous l'adresse du défi",
     lambda o: c(o, suite=f"support/fichiers/{o['piece_autre'].pk}/"), personne()),
    ("GET", "fichier d'un autre défi",
     lambda o: c(o, "autre", f"support/fichiers/{o['piece_autre'].pk}/"),
     {"anonyme": 302, **{v: 404 for v in CONNECTES}, "coach": 200, "eig_autre": 200}),
    ("GET", "fichier de la phase 1 deviné sous l'adresse de la phase 2",
     lambda o: c(o, suite=f"support/fichiers/{o['piece_passe'].pk}/"), personne()),
    ("GET", "fichier d'un autre défi sous l'adresse de sa phase sans support",
     lambda o: c(o, "autre_passe", f"support/fichiers/{o['piece_autre'].pk}/"), personne()),
    ("GET", "fichier au numéro démesuré", lambda o: c(o, suite="support/fichiers/99999999999999999999/"),
     equipe_et_coach(ok=404)),
    ("POST", "retirer un fichier d'un autre défi deviné sous l'adresse du défi",
     lambda o: c(o, suite=f"support/fichiers/{o['piece_autre'].pk}/retirer/"),
     equipe_et_coach(ok=404) | {"coach": 403}),
    ("POST", "retirer un fichier", lambda o: c(o, suite=f"support/fichiers/{o['piece_courant'].pk}/retirer/"),
     equipe_et_coach(ok=302) | {"coach": 403}),
    ("GET", "rapport publié", lambda o: c(o, "passe", "rapport/"), lecteurs_du_rapport_publie()),
    ("GET", "rapport publié en PDF", lambda o: c(o, "passe", "rapport/pdf/"), lecteurs_du_rapport_publie()),
    ("GET", "rapport publié d'un autre défi", lambda o: c(o, "autre_passe", "rapport/"),
     {"anonyme": 302, **{v: 404 for v in CONNECTES}, "coach": 200, "eig_autre": 200}),
    ("GET", "rapport publié d'un autre défi en PDF", lambda o: c(o, "autre_passe", "rapport/pdf/"),
     {"anonyme": 302, **{v: 404 for v in CONNECTES}, "coach": 200, "eig_autre": 200}),
    ("GET", "comité d'un autre défi", lambda o: c(o, "autre"),
     {"anonyme": 302, **{v: 404 for v in CONNECTES}, "coach": 200, "eig_autre": 200}),
    ("GET", "rapport en brouillon d'un autre défi", lambda o: c(o, "autre", "rapport/"), coach_seul()),
    ("GET", "rapport en brouillon", lambda o: c(o, suite="rapport/"), coach_seul()),
    ("GET", "rapport en brouillon en PDF", lambda o: c(o, suite="rapport/pdf/"), coach_seul()),
    ("GET", "rapport en brouillon du défi non publié", lambda o: c(o, "cache", "rapport/"), coach_seul()),
    ("GET", "rapport d'un comité sans objet", lambda o: c(o, suite="rapport/").replace("phase-2", "phase-4"),
     personne()),
    ("GET", "rédiger le rapport en brouillon", lambda o: c(o, suite="rapport/rediger/"), coach_seul()),
    ("GET", "rédiger le rapport publié", lambda o: c(o, "passe", "rapport/rediger/"),
     lecteurs_du_rapport_publie(equipe=403)),
    ("POST", "publier le rapport en brouillon", lambda o: c(o, suite="rapport/publier/"),
     coach_seul() | {"coach": 302}),
    ("POST", "publier le rapport publié", lambda o: c(o, "passe", "rapport/publier/"),
     lecteurs_du_rapport_publie(ok=302, equipe=403)),
    ("GET", "historique du rapport publié", lambda o: c(o, "passe", "rapport/historique/"),
     lecteurs_du_rapport_publie(equipe=403)),
    ("GET", "historique du rapport en brouillon", lambda o: c(o, suite="rapport/historique/"), coach_seul()),
    ("GET", "administration des comités", lambda o: "/admin/evaluations/comite/", {**connectes(302), "coach": 200}),
    ("GET", "administration des supports", lambda o: "/admin/evaluations/support/", {**connectes(302), "coach": 200}),
    ("GET", "administration des rapports", lambda o: "/admin/evaluations/rapport/", {**connectes(302), "coach": 200}),
]

CAS = [(methode, nom, construire, visiteur, attendus[visiteur])
       for methode, nom, construire, attendus in MATRICE for visiteur in VISITEURS]


@pytest.mark.parametrize("methode,nom,construire,visiteur,attendu", CAS, ids=[f"{c[1]}-{c[3]}" for c in CAS])
def test_matrice_des_permissions_des_evaluations(client, evaluations, methode, nom, construire, visiteur, attendu):
    """Each visitor gets exactly the status the matrix expects, for each page, file and action."""
    if visiteur != "anonyme":
        client.force_login(evaluations["personnes"][visiteur])
    url = construire(evaluations)
    donnees = {"promotion": evaluations["promotion"].pk, "phase": 2} if "creer" in url else {}
    reponse = client.post(url, donnees) if methode == "POST" else client.get(url)
    assert reponse.status_code == attendu, f"{nom} en tant que {visiteur} : {reponse.status_code} au lieu de {attendu}"


def test_la_matrice_couvre_chaque_adresse_des_evaluations():
    """Every named URL of the evaluations appears in the matrix at least once."""
    from django.urls import get_resolver

    from evaluations import urls

    noms = {motif.name for motif in urls.urlpatterns}
    couverts = set()
    resolver = get_resolver()
    for _methode, _nom, construire, _attendus in MATRICE:
        faux = {"promotion": type("P", (), {"pk": 1}), "defi": type("D", (), {"slug": "d"}),
                "defi_cache": type("D", (), {"slug": "d"})}
        objets = {cle: type("C", (), {"defi": type("D", (), {"slug": "d"}), "phase": type("P", (), {"numero": 2})})
                  for cle in ("courant", "passe", "cache", "autre", "autre_passe")}
        objets.update({f"piece_{cle}": type("F", (), {"pk": 1}) for cle in ("courant", "passe", "cache", "autre")})
        try:
            correspondance = resolver.resolve(construire({**faux, **objets}).split("?")[0])
        except Exception:  # noqa: BLE001 - admin pages resolve elsewhere
            continue
        couverts.add(correspondance.url_name)
    assert noms <= couverts, f"adresses sans entrée dans la matrice : {sorted(noms - couverts)}"
