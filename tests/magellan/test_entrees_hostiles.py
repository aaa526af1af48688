"""Hostile inputs in addresses, filters and redirections: every page answers (the value is dropped and the
default shown), never a server error; rows stored out of the accepted dates before they held break no page.

The test client raises the view's exception instead of answering 500, so a crash fails the test with its
traceback."""

import datetime

import pytest
from django.contrib import admin
from django.utils import timezone

from accompagnement.factories import CreneauFactory, HeureAccelerationFactory, SessionFactory
from accompagnement.models import Creneau, Session
from evaluations.factories import ComiteFactory
from evaluations.models import Comite
from programme.dates import mois_en_clair, premier_du_mois

pytestmark = pytest.mark.django_db

ANNEES_HOSTILES = ["0001-01", "9999-12"]

# (who may use the page, its address, the hostile query string)
FILTRES_HOSTILES = [
    *[("parrain", "/heures/", {"mois": mois}) for mois in ANNEES_HOSTILES],
    *[("coach", "/heures/suivi/", {"mois": mois}) for mois in ANNEES_HOSTILES],
    ("coach", "/heures/suivi/", {"promotion": "abc", "mois": "2025-13"}),
    *[("coach", "/coachs/groupes/", {"mois": mois}) for mois in ANNEES_HOSTILES],
    ("coach", "/coachs/groupes/", {"promotion": "abc", "mois": "demain"}),
    *[("coach", "/coachs/sessions/", {"mois": mois}) for mois in ANNEES_HOSTILES],
    ("coach", "/coachs/sessions/", {"promotion": "abc"}),
    ("coach", "/coachs/sessions/", {"promotion": "99999999999999999999", "dispositif": "abc", "statut": "x"}),
    ("coach", "/coachs/sessions/", {"page": "99999999999999999999"}),
    *[("eig", "/agenda/", {"mois": mois}) for mois in ANNEES_HOSTILES],
    ("eig", "/agenda/liste/", {"page": "abc"}),
    ("coach", "/coachs/carnets/", {"promotion": "abc"}),
    ("coach", "/coachs/meteo/", {"promotion": "abc"}),
    ("coach", "/evaluations/", {"promotion": "abc", "phase": "99999999999999999999"}),
    ("coach", "/coachs/bureau-aide/", {"statut": "abc", "promotion": "abc", "page": "-1"}),
    ("coach", "/mentorat/cycles/", {"type": "abc", "page": "abc"}),
    ("eig", "/defis/", {"promotion": "abc", "theme": "1e400", "page": "abc"}),
]


@pytest.mark.parametrize("visiteur,adresse,parametres", FILTRES_HOSTILES,
                         ids=[f"{a}?{'&'.join(p)}={'/'.join(p.values())}" for _, a, p in FILTRES_HOSTILES])
def test_un_filtre_hostile_laisse_la_page_repondre(client, scenario, visiteur, adresse, parametres):
    """Un mois de l'an 1 ou 9999, une promotion « abc », un numéro de page démesuré : la page répond, avec sa valeur
    par défaut."""
    SessionFactory(promotion=scenario["promotion"])
    client.force_login(scenario["personnes"][visiteur])
    assert client.get(adresse, parametres).status_code == 200


def test_un_mois_hors_bornes_montre_le_mois_courant(client, scenario):
    """/heures/?mois=0001-01 montre les heures du mois en cours, comme sans paramètre."""
    client.force_login(scenario["personnes"]["parrain"])
    page = client.get("/heures/", {"mois": "0001-01"}).content.decode()
    assert mois_en_clair(timezone.localdate().replace(day=1)) in page


@pytest.mark.parametrize("visiteur,adresse", [
    ("parrain", "/heures/"), ("coach", "/heures/suivi/"), ("coach", "/coachs/groupes/"), ("eig", "/agenda/"),
])
@pytest.mark.parametrize("mois", ["2026-13", "n-importe-quoi", "9999-12"])
def test_un_mois_illisible_montre_le_mois_courant(client, scenario, visiteur, adresse, mois):
    """Each page that reads ?mois= answers a malformed or out-of-bounds month with the page of this month."""
    client.force_login(scenario["personnes"][visiteur])
    reponse = client.get(adresse, {"mois": mois})
    assert reponse.status_code == 200
    assert mois_en_clair(premier_du_mois()) in reponse.content.decode().lower()


def test_un_mois_hors_bornes_est_signale_dans_le_filtre_des_coachs(client, scenario):
    """Sur le suivi des heures des coachs, le filtre du mois dit en français quels mois il accepte."""
    client.force_login(scenario["personnes"]["coach"])
    page = client.get("/heures/suivi/", {"mois": "9999-12"}).content.decode()
    assert "Indiquez un mois au format AAAA-MM, entre 2015-01 et" in page


def test_une_promotion_illisible_garde_la_promotion_par_defaut(client, scenario):
    """/coachs/sessions/?promotion=abc liste les sessions de la promotion par défaut."""
    SessionFactory(promotion=scenario["promotion"], titre="Conférence sur la mesure d'impact")
    client.force_login(scenario["personnes"]["coach"])
    reponse = client.get("/coachs/sessions/", {"promotion": "abc"})
    assert reponse.status_code == 200
    assert "Conférence sur la mesure d" in reponse.content.decode()


def _admins_avec_hierarchie():
    return sorted(
        (f"/admin/{modele._meta.app_label}/{modele._meta.model_name}/", modele_admin.date_hierarchy)
        for modele, modele_admin in admin.site._registry.items() if modele_admin.date_hierarchy
    )


DATES_HOSTILES = [
    {"year": "99999999999"}, {"year": "abc"}, {"year": "9999"}, {"year": "1"}, {"year": "2025", "month": "13"},
    {"year": "2025", "month": "2", "day": "31"}, {"year": "9999", "month": "12", "day": "31"}, {"month": "-1"},
]


@pytest.mark.parametrize("adresse,champ", _admins_avec_hierarchie())
def test_la_hierarchie_de_dates_de_l_admin_ne_deborde_pas(client, scenario, adresse, champ):
    """Chaque liste de l'administration à hiérarchie de dates répond à une année, un mois ou un jour hostile par
    toute la liste et un message en français."""
    client.force_login(scenario["personnes"]["coach"])
    for date in DATES_HOSTILES:
        reponse = client.get(adresse, {f"{champ}__{partie}": valeur for partie, valeur in date.items()})
        assert reponse.status_code == 200, date
        assert "La date demandée n&#x27;est pas valide ou sort des dates acceptées" in reponse.content.decode()


def test_une_date_valide_de_l_admin_filtre_toujours(client, scenario):
    """Dans les bornes, la hiérarchie filtre toujours : les heures de cette année, sans avertissement."""
    HeureAccelerationFactory(parrain=scenario["personnes"]["parrain"], defi=scenario["defi"], sujet="Revue de code")
    client.force_login(scenario["personnes"]["coach"])
    reponse = client.get("/admin/accompagnement/heureacceleration/", {"date__year": timezone.localdate().year})
    page = reponse.content.decode()
    assert reponse.status_code == 200 and "Revue de code" in page and "sort des dates acceptées" not in page


@pytest.mark.parametrize("suite", [
    "https://exemple.org/piege", "//exemple.org/piege", "javascript:alert(1)", "coach_sessions", "pas une adresse",
    "/sessions/\n/", "/\\exemple.org", "", "\x00",
])
def test_la_suite_d_une_reponse_ne_mene_que_sur_ce_site(client, scenario, suite):
    """Après la réponse à une session, une `suite` qui n'est pas un chemin de ce site ramène à la page de la
    session."""
    session = SessionFactory(promotion=scenario["promotion"], statut=Session.Statut.PUBLIEE)
    client.force_login(scenario["personnes"]["eig"])
    reponse = client.post(f"/sessions/{session.pk}/reponse/", {"reponse": "inscrire", "suite": suite})
    assert reponse.status_code == 302 and reponse.url == f"/sessions/{session.pk}/"


def test_la_suite_d_une_reponse_sur_ce_site_est_suivie(client, scenario):
    """Un chemin de ce site, comme la liste des sessions à venir, est bien suivi après la réponse."""
    session = SessionFactory(promotion=scenario["promotion"], statut=Session.Statut.PUBLIEE)
    client.force_login(scenario["personnes"]["eig"])
    reponse = client.post(f"/sessions/{session.pk}/reponse/", {"reponse": "inscrire", "suite": "/sessions/a-venir/"})
    assert reponse.url == "/sessions/a-venir/"


MOMENTS_STOCKES = [datetime.datetime(1, 1, 1, 0, 30, tzinfo=datetime.UTC),
                   datetime.datetime(9999, 12, 31, 22, 0, tzinfo=datetime.UTC)]


@pytest.fixture(params=MOMENTS_STOCKES, ids=["an 1", "an 9999"])
def lignes_hors_bornes(request, scenario):
    """A published session, a slot and a comité stored at year 1 or 9999, as before the bounds held."""
    debut = request.param
    fin = debut + datetime.timedelta(hours=1)
    session = SessionFactory(promotion=scenario["promotion"], statut=Session.Statut.PUBLIEE,
                             titre="Session d'un autre millénaire")
    Session.objects.filter(pk=session.pk).update(debut=debut, fin=fin)
    creneau = CreneauFactory(mentor=scenario["personnes"]["coach"])
    Creneau.objects.filter(pk=creneau.pk).update(debut=debut, fin=fin)
    comite = ComiteFactory(defi=scenario["defi"])
    Comite.objects.filter(pk=comite.pk).update(debut=debut, echeance_support=debut)
    return {"session": session, "creneau": creneau, "comite": comite}


@pytest.mark.parametrize("visiteur,adresse", [
    ("coach", "/coachs/sessions/"), ("coach", "/admin/accompagnement/session/"),
    ("coach", "/admin/accompagnement/creneau/"), ("coach", "/admin/evaluations/comite/"),
    ("coach", "/mentorat/creneaux/"), ("eig", "/mentorat/"), ("eig", "/sessions/a-venir/"), ("eig", "/agenda/"),
    ("eig", "/agenda/liste/"), ("eig", "/espace/"), ("coach", "/espace/"),
])
def test_une_ligne_hors_bornes_ne_casse_pas_les_listes(client, scenario, lignes_hors_bornes, visiteur, adresse):
    """Listes et agendas répondent ; la ligne hors des dates acceptées n'y figure pas."""
    client.force_login(scenario["personnes"][visiteur])
    reponse = client.get(adresse)
    assert reponse.status_code == 200
    assert "Session d&#x27;un autre millénaire" not in reponse.content.decode()


@pytest.mark.parametrize("visiteur", ["coach", "eig"])
@pytest.mark.parametrize("suffixe", ["", "ics/"])
def test_une_session_hors_bornes_n_est_plus_servie(client, scenario, lignes_hors_bornes, visiteur, suffixe):
    """La page de la session et son .ics répondent « introuvable » au lieu d'échouer sur une date impossible à
    afficher."""
    client.force_login(scenario["personnes"][visiteur])
    assert client.get(f"/sessions/{lignes_hors_bornes['session'].pk}/{suffixe}").status_code == 404
