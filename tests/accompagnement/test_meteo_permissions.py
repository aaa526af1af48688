"""The météo in the permission matrix: answers are seen by the EIG who gave them and by the coaches, nobody else
(DESIGN §5). Porteurs, sponsors, parrains, intervenants, alumni and other EIG get 403 or 404 on every météo page
and answer URL; anonymous visitors are sent to log in, and a bad personal link answers 404."""

import pytest

from accompagnement.models import AlerteMeteo
from accompagnement.services.meteo import jeton_reponse
from tests.matrice import VISITEURS, coachs_seulement, connectes, tous

from .outils_meteo import VagueMeteoFactory, reponse, vague_close

LES_EIG = {**connectes(403), "eig": 200, "eig_autre": 200}
ADMIN = {**connectes(302), "coach": 200}

PAGES = [
    ("ma météo", lambda o: "/meteo/", LES_EIG),
    ("météo de la promotion", lambda o: "/meteo/promotion/", LES_EIG),
    ("répondre à sa météo", lambda o: f"/meteo/reponse/{o['ouverte_eig'].pk}/",
     {**connectes(403), "eig": 200, "eig_autre": 404}),
    ("répondre à celle d'un autre", lambda o: f"/meteo/reponse/{o['ouverte_autre'].pk}/",
     {**connectes(403), "eig": 404, "eig_autre": 200}),
    ("réponse inexistante", lambda o: "/meteo/reponse/999999/", {**connectes(403), "eig": 404, "eig_autre": 404}),
    ("lien altéré", lambda o: f"/meteo/lien/{jeton_reponse(o['ouverte_eig'])[:-3]}xyz/", tous(404)),
    ("lien d'une réponse déjà donnée", lambda o: f"/meteo/lien/{jeton_reponse(o['passee_eig'])}/", tous(410)),
    ("météo des coachs", lambda o: "/coachs/meteo/", coachs_seulement()),
    ("météo d'une promotion choisie", lambda o: f"/coachs/meteo/?promotion={o['promotion'].pk}",
     coachs_seulement()),
    ("historique de l'EIG du défi", lambda o: f"/coachs/meteo/eig/{o['personnes']['eig'].pk}/", coachs_seulement()),
    ("historique de l'autre EIG", lambda o: f"/coachs/meteo/eig/{o['personnes']['eig_autre'].pk}/",
     coachs_seulement()),
    ("historique d'une personne qui n'est pas EIG", lambda o: f"/coachs/meteo/eig/{o['personnes']['porteur'].pk}/",
     {**coachs_seulement(), "coach": 404}),
    ("administration des vagues", lambda o: "/admin/accompagnement/vaguemeteo/", ADMIN),
    ("fiche d'une vague", lambda o: f"/admin/accompagnement/vaguemeteo/{o['passee'].pk}/change/", ADMIN),
    ("administration des alertes", lambda o: "/admin/accompagnement/alertemeteo/", ADMIN),
    ("fiche d'une alerte", lambda o: f"/admin/accompagnement/alertemeteo/{o['alerte'].pk}/change/", ADMIN),
    ("réponses dans l'administration", lambda o: "/admin/accompagnement/reponsemeteo/", {**connectes(302),
                                                                                          "coach": 404}),
]


@pytest.fixture
def monde(scenario):
    """The matrix's world with a closed round answered by both EIG (with confidential texts, one alert) and an
    open round they are both invited to."""
    promotion = scenario["promotion"]
    eig, autre = scenario["personnes"]["eig"], scenario["personnes"]["eig_autre"]
    passee = vague_close(promotion)
    passee_eig = reponse(passee, eig, meteo=1, reussites="Confidentiel [eig]")
    reponse(passee, autre, meteo=3, reussites="Confidentiel [eig_autre]")
    alerte = AlerteMeteo.objects.create(reponse=passee_eig, motif=AlerteMeteo.Motif.PLUS_BAS)
    ouverte = VagueMeteoFactory(promotion=promotion)
    return {**scenario, "passee": passee, "passee_eig": passee_eig, "alerte": alerte,
            "ouverte_eig": reponse(ouverte, eig), "ouverte_autre": reponse(ouverte, autre)}


CAS = [(nom, url, v, attendus[v]) for nom, url, attendus in PAGES for v in VISITEURS]


@pytest.mark.parametrize("nom,url,visiteur,attendu", CAS, ids=[f"{c[0]}-{c[2]}" for c in CAS])
def test_matrice_des_pages_de_la_meteo(client, monde, nom, url, visiteur, attendu):
    """Each visitor gets exactly the status the matrix expects on each page of the météo."""
    if visiteur != "anonyme":
        client.force_login(monde["personnes"][visiteur])
    reponse_page = client.get(url(monde))
    assert reponse_page.status_code == attendu, (
        f"{nom} en tant que {visiteur} : {reponse_page.status_code} au lieu de {attendu}")


@pytest.mark.parametrize("visiteur", VISITEURS)
def test_seuls_l_eig_et_les_coachs_lisent_une_reponse(client, monde, visiteur):
    """Across every page of the météo, an EIG's answer reaches only them and the coaches."""
    if visiteur != "anonyme":
        client.force_login(monde["personnes"][visiteur])
    vus = set()
    for _nom, url, _attendus in PAGES:
        page = client.get(url(monde)).content.decode()
        vus |= {auteur for auteur in ("eig", "eig_autre") if f"Confidentiel [{auteur}]" in page}
    attendus = {"coach": {"eig", "eig_autre"}, "eig": {"eig"}, "eig_autre": {"eig_autre"}}.get(visiteur, set())
    assert vus == attendus


@pytest.mark.parametrize("visiteur", VISITEURS)
def test_repondre_pour_un_autre_est_refuse(client, monde, visiteur, django_capture_on_commit_callbacks):
    """Posting an answer to the défi's EIG's response from « Ma météo » is done by that EIG only."""
    if visiteur != "anonyme":
        client.force_login(monde["personnes"][visiteur])
    saisie = {"meteo": "3", "vie_equipe": "3", "epanouissement": "3"}
    with django_capture_on_commit_callbacks(execute=True):
        statut = client.post(f"/meteo/reponse/{monde['ouverte_eig'].pk}/", saisie).status_code
    assert statut == {**connectes(403), "eig": 302, "eig_autre": 404}[visiteur]
    monde["ouverte_eig"].refresh_from_db()
    assert (monde["ouverte_eig"].repondue_le is not None) == (visiteur == "eig")


@pytest.mark.parametrize("visiteur", VISITEURS)
def test_traiter_une_alerte_reserve_aux_coachs(client, monde, visiteur):
    """Marking an alert as handled is done by a coach (redirect) and refused to anyone else."""
    if visiteur != "anonyme":
        client.force_login(monde["personnes"][visiteur])
    statut = client.post(f"/coachs/meteo/alertes/{monde['alerte'].pk}/traiter/").status_code
    assert statut == {**connectes(403), "coach": 302}[visiteur]
    monde["alerte"].refresh_from_db()
    assert (monde["alerte"].traitee_le is not None) == (visiteur == "coach")
