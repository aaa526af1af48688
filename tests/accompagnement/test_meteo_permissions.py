"""The météo's answers are seen by the EIG who gave them and by the coaches, nobody else (DESIGN §5): across every
page, and in what a refused POST leaves behind (the statuses per visitor are in the permission matrix,
tests/matrice/)."""

import pytest

from tests.matrice import VISITEURS, coachs_seulement, meteo


@pytest.fixture
def monde(scenario):
    """The matrix's world of the météo: a closed round answered by both EIG of the promotion (confidential texts,
    one alert) and an open round they are both invited to."""
    return {**scenario, **meteo.preparer(scenario)}


@pytest.mark.parametrize("visiteur", VISITEURS)
def test_seuls_l_eig_et_les_coachs_lisent_une_reponse(client, monde, visiteur):
    """Across every page of the météo, an EIG's answer reaches only them and the coaches."""
    if visiteur != "anonyme":
        client.force_login(monde["personnes"][visiteur])
    vus = set()
    for entree in meteo.ENTREES:
        if entree.methode == "GET":
            page = client.get(entree.url(monde)).content.decode()
            vus |= {auteur for auteur in ("eig", "eig_autre") if f"Confidentiel [{auteur}]" in page}
    attendus = {"coach": {"eig", "eig_autre"}, "coach_autre": {"eig", "eig_autre"}, "eig": {"eig"},
                "eig_autre": {"eig_autre"}}.get(visiteur, set())
    assert vus == attendus


@pytest.mark.parametrize("visiteur", VISITEURS)
def test_repondre_pour_un_autre_est_refuse(client, monde, visiteur, django_capture_on_commit_callbacks):
    """Posting an answer to the défi's EIG's response from « Ma météo » is done by that EIG only: for anyone else
    the response stays unanswered."""
    if visiteur != "anonyme":
        client.force_login(monde["personnes"][visiteur])
    with django_capture_on_commit_callbacks(execute=True):
        statut = client.post(f"/meteo/reponse/{monde['ouverte_eig'].pk}/", meteo.SAISIE).status_code
    assert statut == meteo.les_eig(302, "eig")[visiteur]
    monde["ouverte_eig"].refresh_from_db()
    assert (monde["ouverte_eig"].repondue_le is not None) == (visiteur == "eig")


@pytest.mark.parametrize("visiteur", VISITEURS)
def test_traiter_une_alerte_reserve_aux_coachs(client, monde, visiteur):
    """Marking an alert as handled is done by a coach (redirect) and refused to anyone else: it stays to handle."""
    if visiteur != "anonyme":
        client.force_login(monde["personnes"][visiteur])
    statut = client.post(f"/coachs/meteo/alertes/{monde['alerte'].pk}/traiter/").status_code
    assert statut == coachs_seulement(statut=302)[visiteur]
    monde["alerte"].refresh_from_db()
    assert (monde["alerte"].traitee_le is not None) == (visiteur in ("coach", "coach_autre"))
