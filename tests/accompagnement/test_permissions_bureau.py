"""The bureau d'aide in the permission matrix: every URL, as anonymous and as each visitor, gives the expected status.

The team of the défi (EIG, porteur, sponsor) and the coaches see a request and its document; anyone else gets a
404. Only EIG and porteurs ask for help; the triage is the coaches' (403 for everyone else).
"""

import datetime

import pytest
from django.utils import timezone

from accompagnement.factories import DemandeAideFactory
from tests.matrice import VISITEURS, coachs_seulement, connectes

from .fichiers_bureau import fichier

EQUIPE_ET_COACH = {**connectes(404), "coach": 200, "eig": 200, "porteur": 200, "sponsor": 200}
DANS_UNE_EQUIPE = {**connectes(403), "coach": 200, "eig": 200, "porteur": 200, "sponsor": 200, "eig_autre": 200}
DEMANDEURS = {**connectes(403), "eig": 200, "porteur": 200, "eig_autre": 200}

PAGES = [
    ("bureau d'aide de l'équipe", lambda o: "/bureau-aide/", DANS_UNE_EQUIPE),
    ("demander de l'aide", lambda o: "/bureau-aide/demander/", DEMANDEURS),
    ("une demande", lambda o: f"/bureau-aide/{o['demande'].pk}/", EQUIPE_ET_COACH),
    ("son document", lambda o: f"/bureau-aide/{o['demande'].pk}/document/", EQUIPE_ET_COACH),
    ("demande inexistante", lambda o: "/bureau-aide/999999/", connectes(404)),
    ("file des coachs", lambda o: "/coachs/bureau-aide/", coachs_seulement()),
    ("file filtrée", lambda o: "/coachs/bureau-aide/?statut=toutes&nature=autre", coachs_seulement()),
    ("prendre en charge", lambda o: f"/coachs/bureau-aide/{o['demande'].pk}/prendre-en-charge/", coachs_seulement()),
    ("planifier", lambda o: f"/coachs/bureau-aide/{o['demande'].pk}/planifier/", coachs_seulement()),
    ("clore", lambda o: f"/coachs/bureau-aide/{o['demande'].pk}/clore/", coachs_seulement()),
    ("administration des demandes", lambda o: "/admin/accompagnement/demandeaide/?statut__exact=nouvelle",
     {**connectes(302), "coach": 200}),
    ("fiche d'une demande", lambda o: f"/admin/accompagnement/demandeaide/{o['demande'].pk}/change/",
     {**connectes(302), "coach": 200}),
]

ACTIONS = [
    ("envoyer une demande", lambda o: "/bureau-aide/demander/",
     lambda o: {"defi": o["defi"].pk, "nature": "autre", "description": "Un besoin."},
     {**connectes(403), "eig": 302, "porteur": 302, "eig_autre": 302}),
    ("prendre en charge", lambda o: f"/coachs/bureau-aide/{o['demande'].pk}/prendre-en-charge/",
     lambda o: {"coach": o["personnes"]["coach"].pk}, coachs_seulement(autres=403) | {"coach": 302}),
    ("planifier une séance", lambda o: f"/coachs/bureau-aide/{o['demande'].pk}/planifier/",
     lambda o: _une_seance(), coachs_seulement(autres=403) | {"coach": 302}),
    ("clore", lambda o: f"/coachs/bureau-aide/{o['demande'].pk}/clore/",
     lambda o: {"resultat": "Fait."}, coachs_seulement(autres=403) | {"coach": 302}),
]


def _une_seance():
    """The planning form as the browser sends it: one séance in four days at 14:00, two left blank."""
    jour = timezone.localdate() + datetime.timedelta(days=4)
    donnees = {"form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "0", "form-MIN_NUM_FORMS": "0",
               "form-MAX_NUM_FORMS": "1000", "form-0-date": jour.isoformat(), "form-0-heure": "14:00"}
    return {**donnees, **{f"form-{rang}-duree": "60" for rang in range(3)}}


@pytest.fixture
def monde(scenario):
    """The matrix's world, with a request of the défi's EIG holding a PDF."""
    demande = DemandeAideFactory(defi=scenario["defi"], demandeur=scenario["personnes"]["eig"],
                                 document=fichier("plan.pdf"))
    return {**scenario, "demande": demande}


CAS = [(nom, url, v, attendus[v]) for nom, url, attendus in PAGES for v in VISITEURS]


@pytest.mark.parametrize("nom,url,visiteur,attendu", CAS, ids=[f"{c[0]}-{c[2]}" for c in CAS])
def test_matrice_des_pages_du_bureau_d_aide(client, monde, nom, url, visiteur, attendu):
    """Each visitor gets exactly the status the matrix expects on each page of the bureau d'aide."""
    if visiteur != "anonyme":
        client.force_login(monde["personnes"][visiteur])
    reponse = client.get(url(monde))
    assert reponse.status_code == attendu, f"{nom} en tant que {visiteur} : {reponse.status_code} au lieu de {attendu}"


CAS_POST = [(nom, url, donnees, v, attendus[v]) for nom, url, donnees, attendus in ACTIONS for v in VISITEURS]


@pytest.mark.parametrize("nom,url,donnees,visiteur,attendu", CAS_POST, ids=[f"{c[0]}-{c[3]}" for c in CAS_POST])
def test_matrice_des_actions_du_bureau_d_aide(client, monde, nom, url, donnees, visiteur, attendu):
    """Each sensitive POST is refused to whoever may not do it, and done (redirect) for who may."""
    if visiteur != "anonyme":
        client.force_login(monde["personnes"][visiteur])
    reponse = client.post(url(monde), donnees(monde))
    assert reponse.status_code == attendu, f"{nom} en tant que {visiteur} : {reponse.status_code} au lieu de {attendu}"
