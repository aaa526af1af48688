"""The coaches' dashboard of a promotion: from it a coach names the défis whose support is not submitted, the EIG
who missed the last two météos, the parrains with hours left this month and the sessions with attendance below
half — each in its section; every line of « À qui parler » leads to the page where the coach acts; the longer lists
and the tables behind the charts are one link away, on the page of that part; the page keeps the same number of
queries whatever the size of the promotion."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accompagnement.factories import (
    CarnetDeBordFactory,
    CycleFactory,
    DemandeAideFactory,
    HeureAccelerationFactory,
    InscriptionFactory,
    SessionFactory,
    _debut_de_creneau,
)
from accompagnement.models import AlerteMeteo
from accompagnement.selectors.pilotage import ABSENCES_DE_SUITE, METEOS_SANS_REPONSE, SEUIL_PRESENCE
from defis.factories import DefiFactory, MembreEquipeFactory
from defis.models import MembreEquipe
from evaluations.factories import ComiteFactory, SupportFactory
from evaluations.models import Support
from magellan.selectors_tableau import A_PREVENIR_AFFICHES, url_du_tableau, url_du_volet
from programme.dates import premier_du_mois
from programme.factories import CoachFactory, EIGFactory, ParrainFactory, PromotionFactory
from tests.accompagnement.outils_meteo import reponse, vague_close

pytestmark = pytest.mark.django_db

URL = "/coachs/tableau-de-bord/"


def _section(page: str, cle: str) -> str:
    """The text of the dashboard's section `cle` (tags removed, spaces collapsed)."""
    bloc = re.search(rf'<section id="tdb-{cle}".*?</section>', page, re.S)
    assert bloc, f"section {cle} absente"
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", bloc.group())))


def _a_prevenir(page: str) -> dict[str, str]:
    """« À qui parler cette semaine », by person or team: the text of their reasons."""
    bloc = re.search(r'<section id="tdb-a-prevenir".*?</section>', page, re.S).group()
    return {unescape(qui): re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", raisons)))
            for qui, raisons in re.findall(r"<strong>(.*?)</strong>.*?<ul>(.*?)</ul>", bloc, re.S)}


def _liens(page: str, cle: str) -> set[str]:
    bloc = re.search(rf'<section id="tdb-{cle}".*?</section>', page, re.S).group()
    return {unescape(lien) for lien in re.findall(r'href="([^"]+)"', bloc)}


@pytest.fixture
def promotion():
    return PromotionFactory()


@pytest.fixture
def coach(promotion):
    return CoachFactory(promotion=promotion)


def _page(client, coach, promotion=None) -> str:
    client.force_login(coach)
    reponse_ = client.get(url_du_tableau(promotion))
    assert reponse_.status_code == 200
    return reponse_.content.decode()


def _volet(client, coach, promotion, volet: str) -> str:
    """The page of the dashboard's part `volet`, linked from the dashboard."""
    page = _page(client, coach, promotion)
    assert url_du_volet(volet, promotion).replace("&", "&amp;") in page, f"pas de lien vers {volet}"
    reponse_ = client.get(url_du_volet(volet, promotion))
    assert reponse_.status_code == 200
    return reponse_.content.decode()


def _eig(promotion, defi=None, **champs):
    eig = EIGFactory(promotion=promotion, **champs)
    MembreEquipeFactory(defi=defi or DefiFactory(promotion=promotion), personne=eig, role=MembreEquipe.Role.EIG)
    return eig


def _soumettre(support):
    Support.objects.filter(pk=support.pk).update(statut=Support.Statut.SOUMIS, soumis_le=timezone.now())


def test_les_defis_dont_le_support_n_est_pas_soumis(client, promotion, coach):
    """Comités of the current phase: the défis with a draft support or none are named, the submitted one is not."""
    soumis = ComiteFactory(defi=DefiFactory(promotion=promotion, titre="Défi soumis"))
    _soumettre(SupportFactory(comite=soumis))
    SupportFactory(comite=ComiteFactory(defi=DefiFactory(promotion=promotion, titre="Défi en brouillon")))
    ComiteFactory(defi=DefiFactory(promotion=promotion, titre="Défi sans support"))

    comites = _section(_page(client, coach), "comites")

    non_soumis = re.search(r"Supports non soumis : (.*?)\.", comites).group(1)
    assert non_soumis == "Défi en brouillon, Défi sans support"
    assert re.search(r"Supports soumis : (.*?)\.", comites).group(1) == "Défi soumis"


def test_un_support_en_retard_est_a_signaler_avec_le_lien_du_comite(client, promotion, coach):
    """A support not submitted past its deadline puts the team in « À qui parler », linked to its comité."""
    defi = DefiFactory(promotion=promotion, titre="Hospi'Flux")
    comite = ComiteFactory(defi=defi, debut=timezone.now() + datetime.timedelta(days=2))

    page = _page(client, coach)

    assert "Support du comité de phase 2 non soumis" in _a_prevenir(page)["Équipe de « Hospi'Flux »"]
    assert comite.get_absolute_url() in _liens(page, "a-prevenir")


def test_les_eig_qui_n_ont_pas_repondu_aux_deux_dernieres_meteos(client, promotion, coach):
    """The EIG invited to the last two closed rounds who answered neither are named, with their météo's page; an
    EIG who answered one of them is not, nor one who only missed the round still open."""
    silencieuse = _eig(promotion, prenom="Sidonie", nom_usage="Silence")
    une_fois = _eig(promotion, prenom="Ulysse", nom_usage="Unefois")
    avant, derniere = vague_close(promotion, semaines_avant=4), vague_close(promotion, semaines_avant=2)
    for vague in (avant, derniere):
        reponse(vague, silencieuse)
    reponse(avant, une_fois)
    reponse(derniere, une_fois, meteo=4)

    page = _page(client, coach)

    a_prevenir = _a_prevenir(page)
    assert f"N'a répondu à aucune des {METEOS_SANS_REPONSE} dernières météos" in a_prevenir["Sidonie Silence"]
    assert "météos" not in a_prevenir["Ulysse Unefois"]
    assert reverse("meteo_eig", args=[silencieuse.pk]) in _liens(page, "a-prevenir")
    meteo = _section(page, "meteo")
    assert f"Sans réponse aux {METEOS_SANS_REPONSE} dernières vagues closes : Sidonie Silence" in meteo


def test_une_alerte_de_meteo_est_une_raison_de_parler(client, promotion, coach):
    """An open alert (lowest level, drop, asked to talk) is a reason, with its motif."""
    eig = _eig(promotion, prenom="Agathe", nom_usage="Orage")
    AlerteMeteo.objects.create(reponse=reponse(vague_close(promotion), eig, meteo=1),
                               motif=AlerteMeteo.Motif.ECHANGE)

    a_prevenir = _a_prevenir(_page(client, coach))

    assert "Météo : souhaite échanger avec un coach" in a_prevenir["Agathe Orage"]


def test_les_parrains_qui_ont_encore_des_heures_ce_mois_ci(client, promotion, coach):
    """Hours of the month: the parrain who gave the whole cap is not among those with hours left; the other is,
    with what is left."""
    defi = DefiFactory(promotion=promotion, titre="Signal'Eau")
    epuise = ParrainFactory(promotion=promotion, prenom="Paul", nom_usage="Plafond")
    disponible = ParrainFactory(promotion=promotion, prenom="Marie", nom_usage="Reste")
    HeureAccelerationFactory(parrain=epuise, defi=defi, duree_minutes=300, date=premier_du_mois())
    HeureAccelerationFactory(parrain=disponible, defi=defi, duree_minutes=75, date=premier_du_mois())

    heures = _section(_page(client, coach), "heures")

    disponibles = re.search(r"heures disponibles ce mois-ci : (.*?)\.", heures).group(1)
    assert disponibles == "Marie Reste (3 h 45)"
    heures = _section(_volet(client, coach, promotion, "heures"), "heures")
    assert "Paul Plafond 5 h 5 h 0 h" in heures
    assert "Signal'Eau 6 h 15 2" in heures


def test_les_sessions_ou_moins_de_la_moitie_des_inscrits_sont_venus(client, promotion, coach):
    """Past sessions whose attendance was taken: the one with 1 present out of 4 is listed with its attendance
    sheet, the one with 3 out of 4 and the one without attendance taken are not; the rate per dispositif shows."""
    passe = timezone.now() - datetime.timedelta(days=3)
    peu = SessionFactory(promotion=promotion, titre="Conférence désertée", debut=passe)
    bien = SessionFactory(promotion=promotion, titre="Conférence suivie", debut=passe)
    sans = SessionFactory(promotion=promotion, titre="Conférence sans émargement", debut=passe)
    for session, presents in ((peu, 1), (bien, 3)):
        for rang in range(4):
            InscriptionFactory(session=session, present=rang < presents)
    InscriptionFactory(session=sans)

    page = _page(client, coach)
    assert f"Sessions passées sous {SEUIL_PRESENCE} % de présents : Conférence désertée (1 sur 4)." in (
        _section(page, "presence"))
    assert reverse("session_emargement", args=[peu.pk]) in _liens(page, "presence")

    page = _volet(client, coach, promotion, "presence")
    presence = _section(page, "presence")
    assert f"Sessions où moins de {SEUIL_PRESENCE} % des personnes inscrites sont venues" in presence
    assert "Conférence désertée" in presence and "1 sur 4 (25 %)" in presence
    assert "Conférence suivie" not in presence and "Conférence sans émargement" not in presence
    assert "Conférence, table ronde ou masterclass 2 8 4 50 %" in presence
    assert reverse("session_emargement", args=[peu.pk]) in _liens(page, "presence")


def test_les_sessions_peu_suivies_se_lisent_par_pages(client, promotion, coach):
    """A promotion with more sessions few came to than a page holds: the most recent first, the rest on page 2."""
    from magellan.tableau_de_bord import PAR_PAGE

    for jours in range(1, PAR_PAGE["presence"] + 2):
        session = SessionFactory(promotion=promotion, titre=f"Atelier désert n° {jours}",
                                 debut=timezone.now() - datetime.timedelta(days=jours))
        InscriptionFactory(session=session, present=False)
    premiere = _section(_volet(client, coach, promotion, "presence"), "presence")
    assert premiere.count("Atelier désert n° ") == PAR_PAGE["presence"] and "Atelier désert n° 1 " in premiere
    suivante = client.get(f"{url_du_volet('presence', promotion)}&page=2").content.decode()
    assert f"Atelier désert n° {PAR_PAGE['presence'] + 1}<" in suivante and "Atelier désert n° 1<" not in suivante


def test_un_eig_absent_de_ses_dernieres_sessions_est_a_signaler(client, promotion, coach):
    """An EIG absent from their last sessions (attendance taken) is a reason, linked to the last attendance sheet;
    one who came to the last one is not."""
    absent = _eig(promotion, prenom="Abel", nom_usage="Absent")
    venu = _eig(promotion, prenom="Victor", nom_usage="Venu")
    sessions = [SessionFactory(promotion=promotion, titre=f"Atelier {n}",
                               debut=timezone.now() - datetime.timedelta(days=10 - n)) for n in range(3)]
    for session in sessions:
        InscriptionFactory(session=session, personne=absent, present=False)
        InscriptionFactory(session=session, personne=venu, present=session == sessions[-1])

    page = _page(client, coach)

    a_prevenir = _a_prevenir(page)
    assert f"Absence à ses {ABSENCES_DE_SUITE} dernières sessions (« Atelier 2 » ; « Atelier 1 »)" in (
        a_prevenir["Abel Absent"])
    assert "Absence" not in a_prevenir["Victor Venu"]
    assert reverse("session_emargement", args=[sessions[-1].pk]) in _liens(page, "a-prevenir")


def test_carnet_mentorat_et_heures_de_la_phase(client, promotion, coach):
    """Without this month's carnet, or without mentorat nor hours this phase, an EIG is a reason each; an EIG who
    wrote the carnet, booked a cycle and whose défi received hours is not listed; a cycle booked for the coming
    weeks is mentorat; the carnet rate shows."""
    defi = DefiFactory(promotion=promotion, titre="Défi aidé")
    suivi = _eig(promotion, defi=defi, prenom="Sophie", nom_usage="Suivie")
    oublie = _eig(promotion, prenom="Omer", nom_usage="Oublié")
    CarnetDeBordFactory(eig=suivi)
    HeureAccelerationFactory(defi=defi, date=premier_du_mois())
    # Next week, whatever the factories' sequence reached in the suite (it spaces slots one day per three).
    CycleFactory(demandeur=suivi, premiere_seance=_debut_de_creneau(0, heure_du_jour=10))
    CycleFactory(demandeur=_eig(promotion, prenom="Céline", nom_usage="Cycle"),
                 premiere_seance=_debut_de_creneau(1, heure_du_jour=10))

    page = _page(client, coach)

    a_prevenir = _a_prevenir(page)
    assert "Sophie Suivie" not in a_prevenir
    assert "Pas de carnet de bord de" in a_prevenir["Omer Oublié"]
    assert "Ni mentorat (tenu ou réservé) ni heures d'accélération reçues en phase 2" in a_prevenir["Omer Oublié"]
    assert "Ni mentorat" not in a_prevenir["Céline Cycle"]
    assert reverse("carnet_eig", args=[oublie.pk]) in _liens(page, "a-prevenir")
    assert "1 EIG sur 3 ont écrit leur carnet (33 %)" in _section(page, "carnets")


def test_la_frise_des_phases_et_la_promotion_choisie(client, promotion, coach):
    """The timeline marks today in the current phase; `?promotion=` shows another promotion."""
    autre = PromotionFactory(nom="Promotion ancienne", date_debut=datetime.date(2020, 1, 6))

    page = _page(client, coach)
    frise = _section(page, "frise")
    assert "Aujourd'hui" in frise and "Phase 2 – Prouver le concept" in frise and "En cours" in frise

    ancienne = _page(client, coach, autre)
    assert "Promotion ancienne" in ancienne and "Aujourd'hui" not in _section(ancienne, "frise")


def test_la_file_du_bureau_d_aide_et_son_attente(client, promotion, coach):
    """Open requests of the promotion come with their waiting time."""
    DemandeAideFactory(defi=DefiFactory(promotion=promotion, titre="Défi demandeur"))

    bureau = _section(_page(client, coach), "bureau")

    assert "1 demande ouverte" in bureau and "Défi demandeur" in bureau and "moins d'une heure" in bureau


def _monde(promotion, taille, vagues):
    """`taille` défis, each with two EIG (one silent in the météo `vagues`, absent, without carnet), a comité,
    hours, a session and a request to the bureau d'aide."""
    passe = timezone.now() - datetime.timedelta(days=3)
    for n in range(taille):
        defi = DefiFactory(promotion=promotion)
        actif, discret = _eig(promotion, defi=defi), _eig(promotion, defi=defi)
        CarnetDeBordFactory(eig=actif)
        CycleFactory(demandeur=actif)
        SupportFactory(comite=ComiteFactory(defi=defi))
        HeureAccelerationFactory(defi=defi, date=premier_du_mois())
        DemandeAideFactory(defi=defi)
        session = SessionFactory(promotion=promotion, debut=passe - datetime.timedelta(hours=n))
        InscriptionFactory(session=session, personne=actif, present=True)
        InscriptionFactory(session=session, personne=discret, present=False)
        for vague in vagues:
            reponse(vague, actif, meteo=2 + n % 3)
            reponse(vague, discret)


def test_nombre_de_requetes_constant(client, promotion, coach, django_assert_max_num_queries):
    """The same number of queries for a promotion of 2 EIG as for one of 8 with four times everything."""
    vagues = [vague_close(promotion, semaines_avant=4), vague_close(promotion, semaines_avant=2)]
    _monde(promotion, 1, vagues)
    client.force_login(coach)
    with django_assert_max_num_queries(40) as petite:
        assert client.get(URL).status_code == 200
    plafond = len(petite.captured_queries)
    _monde(promotion, 4, vagues)
    with django_assert_max_num_queries(plafond) as grande:
        assert client.get(URL).status_code == 200
    assert len(grande.captured_queries) == plafond


@pytest.mark.parametrize("volet, tables_non_lues", [
    ("heures", ["accompagnement_reponsemeteo", "accompagnement_carnetdebord", "accompagnement_inscription"]),
    ("presence", ["accompagnement_reponsemeteo", "accompagnement_carnetdebord", "accompagnement_heureacceleration"]),
    ("parcours", ["accompagnement_reponsemeteo", "accompagnement_heureacceleration"]),
])
def test_la_page_d_une_partie_ne_lit_que_sa_partie_en_nombre_constant_de_requetes(
        client, promotion, coach, volet, tables_non_lues):
    """A part's own page computes that part only (not the whole dashboard again), in as many queries for a
    promotion of 2 EIG as for one of 8 with four times everything."""
    vagues = [vague_close(promotion, semaines_avant=4), vague_close(promotion, semaines_avant=2)]
    _monde(promotion, 1, vagues)
    client.force_login(coach)
    with CaptureQueriesContext(connection) as petite:
        assert client.get(url_du_volet(volet, promotion)).status_code == 200
    lues = " ".join(q["sql"] for q in petite.captured_queries)
    assert [table for table in tables_non_lues if table in lues] == []
    _monde(promotion, 4, vagues)
    with CaptureQueriesContext(connection) as grande:
        assert client.get(url_du_volet(volet, promotion)).status_code == 200
    assert len(grande.captured_queries) == len(petite.captured_queries)


def test_les_exports_de_la_promotion_en_un_clic(client, promotion, coach):
    """The dashboard offers each export in CSV and XLSX for the promotion shown; following a link downloads that
    promotion's file."""
    autre = PromotionFactory(nom="Promotion voisine")
    page = _page(client, coach, promotion)
    for nom in ("personnes", "defis", "sessions", "heures", "carnets", "comites", "meteo"):
        for format in ("csv", "xlsx"):
            assert f'href="/coachs/exports/{nom}.{format}?promotion={promotion.pk}"' in page, (nom, format)
    assert f"?promotion={autre.pk}" not in page.split('id="tdb-exports"')[1]
    reponse_ = client.get(f"/coachs/exports/personnes.csv?promotion={promotion.pk}")
    assert reponse_.status_code == 200 and coach.email in reponse_.content.decode("utf-8-sig")


def test_a_qui_parler_en_entier_sur_sa_page_les_plus_urgents_d_abord(client, promotion, coach):
    """Beyond the first few people to talk to, the dashboard links to its page: the most urgent there under
    « À contacter d'abord », the others under « À relancer », page by page."""
    alerte = _eig(promotion, prenom="Agathe", nom_usage="Orage")
    AlerteMeteo.objects.create(reponse=reponse(vague_close(promotion), alerte, meteo=1),
                               motif=AlerteMeteo.Motif.ECHANGE)
    for n in range(A_PREVENIR_AFFICHES + 15):
        _eig(promotion, prenom=f"Relance{n:02d}", nom_usage="Carnet")

    page = _page(client, coach, promotion)
    a_prevenir = _a_prevenir(page)
    assert len(a_prevenir) == A_PREVENIR_AFFICHES and next(iter(a_prevenir)) == "Agathe Orage"
    assert f"Les {A_PREVENIR_AFFICHES + 16} personnes ou équipes à contacter ou à relancer" in _section(
        page, "a-prevenir")

    premiere = _volet(client, coach, promotion, "a-qui-parler")
    assert "À contacter d'abord" in premiere and "Agathe Orage" in premiere and "À relancer" in premiere
    suivante = client.get(f"{url_du_volet('a-qui-parler', promotion)}&page=2").content.decode()
    vus = set(_a_prevenir(premiere)) | set(_a_prevenir(suivante))
    assert len(vus) == A_PREVENIR_AFFICHES + 16 and "Agathe Orage" not in _a_prevenir(suivante)
