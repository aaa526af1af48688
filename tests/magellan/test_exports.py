"""The coaches' exports: each file (CSV read back with the csv module, XLSX with openpyxl) has its French columns
and one row per record of the promotion, dates in ISO 8601; the carnet and météo exports never carry what was
written or answered; the admin offers the same export and no import; the queries do not grow with the rows."""

import csv
import io
import re

import openpyxl
import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accompagnement.factories import CarnetDeBordFactory, HeureAccelerationFactory, InscriptionFactory, SessionFactory
from accompagnement.models import CarnetDeBord, HeureAcceleration, Inscription, ReponseMeteo, Session, VagueMeteo
from defis.factories import DefiFactory, MembreEquipeFactory
from defis.models import Defi
from evaluations.factories import ComiteFactory, RapportFactory, SupportFactory
from evaluations.models import Comite, Rapport, Support
from magellan.exports import EXPORTS
from programme.factories import CoachFactory, EIGFactory, PorteurFactory, PromotionFactory
from programme.models import Role
from tests.accompagnement.outils_meteo import VagueMeteoFactory, reponse

pytestmark = pytest.mark.django_db

COLONNES = {
    "personnes": ["prénom", "nom", "courriel", "fonction", "rôle", "promotion", "rôle depuis le"],
    "defis": ["identifiant", "titre", "promotion", "administration d'accueil", "visible sur le catalogue public", "EIG",
              "nombre d'EIG", "porteurs et porteuses", "sponsors"],
    "sessions": ["titre", "dispositif", "promotion", "phase", "début", "fin", "statut", "public invité",
                 "nombre de places", "inscrites", "en liste d'attente", "ont décliné", "présentes", "absentes"],
    "heures": ["date", "parrain ou marraine", "courriel", "défi", "promotion", "durée (minutes)", "sujet", "saisie le"],
    "carnets": ["EIG", "courriel", "mois", "phase", "écrit le", "modifié le"],
    "comites": ["défi", "promotion", "phase", "date du comité", "échéance du support", "support", "support soumis le",
                "support en retard", "rapport", "rapport publié le"],
    "meteo": ["vague du", "promotion", "EIG", "courriel", "a répondu"],
}
SECRET = "Texte confidentiel que nul export ne montre"
DATE_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MOMENT_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


def peupler(promotion, nombre):
    """`nombre` défis of `promotion`, each with an EIG and a porteur, a session the EIG came to, an hour, a
    carnet, a comité with a submitted support and a published rapport, and the EIG's answer to a météo round."""
    vague = VagueMeteo.objects.filter(promotion=promotion).first() or VagueMeteoFactory(promotion=promotion)
    for rang in range(nombre):
        defi = DefiFactory(promotion=promotion)
        eig = EIGFactory(promotion=promotion)
        MembreEquipeFactory(defi=defi, personne=eig, role="eig")
        MembreEquipeFactory(defi=defi, personne=PorteurFactory(promotion=promotion), role="porteur")
        session = SessionFactory(promotion=promotion)
        InscriptionFactory(session=session, personne=eig, present=True)
        HeureAccelerationFactory(defi=defi)
        CarnetDeBordFactory(eig=eig, objectifs=SECRET, apprentissages=SECRET)
        comite = ComiteFactory(defi=defi)
        SupportFactory(comite=comite, statut=Support.Statut.SOUMIS, soumis_le=timezone.now(), reussites=SECRET)
        RapportFactory(comite=comite, statut=Rapport.Statut.PUBLIE, publie_le=timezone.now(), synthese=SECRET)
        reponse(vague, eig=eig, meteo=1 + rang % 5, reussites=SECRET, difficultes=SECRET)
    return vague


def enregistrements(nom, promotion):
    """How many records of the promotion each export must have, counted in the tables themselves."""
    return {
        "personnes": Role.objects.filter(promotion=promotion),
        "defis": Defi.objects.filter(promotion=promotion),
        "sessions": Session.objects.filter(promotion=promotion),
        "heures": HeureAcceleration.objects.filter(defi__promotion=promotion),
        "carnets": CarnetDeBord.objects.filter(eig__roles__promotion=promotion),
        "comites": Comite.objects.filter(phase__promotion=promotion),
        "meteo": ReponseMeteo.objects.filter(vague__promotion=promotion),
    }[nom].count()


def lire(reponse, format):
    """The rows of the downloaded file, the header first, every cell as text."""
    if format == "csv":
        texte = reponse.content.decode("utf-8-sig")
        return list(csv.reader(io.StringIO(texte)))
    classeur = openpyxl.load_workbook(io.BytesIO(reponse.content))
    return [["" if cellule is None else str(cellule) for cellule in ligne]
            for ligne in classeur.active.iter_rows(values_only=True)]


@pytest.fixture
def promotion():
    return PromotionFactory()


@pytest.fixture
def coach(client, promotion):
    client.force_login(CoachFactory(promotion=promotion))
    return client


@pytest.mark.parametrize("format", ["csv", "xlsx"])
@pytest.mark.parametrize("nom", list(EXPORTS))
def test_chaque_export_a_ses_colonnes_et_une_ligne_par_enregistrement_de_la_promotion(coach, promotion, nom, format):
    """Each export of a promotion opens with its French columns and exactly one row per record of that promotion;
    another promotion's records are left out."""
    peupler(promotion, 3)
    peupler(PromotionFactory(), 2)

    reponse = coach.get(f"/coachs/exports/{nom}.{format}?promotion={promotion.pk}")

    assert reponse.status_code == 200
    assert reponse["Content-Disposition"] == f'attachment; filename="{nom}-promotion-{promotion.numero}.{format}"'
    entete, *lignes = lire(reponse, format)
    assert entete == COLONNES[nom]
    assert len(lignes) == enregistrements(nom, promotion) > 0


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_les_dates_et_les_moments_sont_en_iso_8601(coach, promotion, format):
    """Dates read 2026-03-05 and moments 2026-03-05T17:00:00+01:00 (Paris time with its offset), in both
    formats."""
    peupler(promotion, 1)
    heure = HeureAcceleration.objects.get(defi__promotion=promotion)

    entete, *lignes = lire(coach.get(f"/coachs/exports/sessions.{format}?promotion={promotion.pk}"), format)
    debuts = {ligne[entete.index("titre")]: ligne[entete.index("début")] for ligne in lignes}
    for session in Session.objects.filter(promotion=promotion):
        assert MOMENT_ISO.match(debuts[session.titre])
        assert debuts[session.titre] == timezone.localtime(session.debut).isoformat()
    (entete, ligne) = lire(coach.get(f"/coachs/exports/heures.{format}?promotion={promotion.pk}"), format)
    assert ligne[entete.index("date")] == heure.date.isoformat() and DATE_ISO.match(ligne[entete.index("date")])
    (entete, ligne) = lire(coach.get(f"/coachs/exports/carnets.{format}?promotion={promotion.pk}"), format)
    assert re.match(r"^\d{4}-\d{2}$", ligne[entete.index("mois")])


def test_l_export_de_la_meteo_dit_qui_a_repondu_jamais_la_reponse(coach, promotion):
    """Per EIG and per round: answered or not; no level, no text, no wish to talk, in any column."""
    vague = peupler(promotion, 2)
    silencieux = reponse(vague, eig=EIGFactory(promotion=promotion))

    entete, *lignes = lire(coach.get(f"/coachs/exports/meteo.csv?promotion={promotion.pk}"), "csv")

    assert entete == COLONNES["meteo"]
    par_courriel = {ligne[entete.index("courriel")]: ligne for ligne in lignes}
    assert par_courriel[silencieux.eig.email][entete.index("a répondu")] == "non"
    assert sorted(ligne[entete.index("a répondu")] for ligne in lignes) == ["non", "oui", "oui"]
    niveaux = {label for _, label in ReponseMeteo.Niveau.choices}
    cellules = {cellule for ligne in lignes for cellule in ligne}
    assert not cellules & niveaux and SECRET not in str(cellules)
    assert not {"météo", "réussites", "difficultés", "vie de l'équipe"} & set(entete)


def test_l_export_des_carnets_dit_qui_a_ecrit_quel_mois_jamais_ce_qu_il_a_ecrit(coach, promotion):
    """One row per month written, with the EIG; none of the carnet's texts."""
    peupler(promotion, 2)

    contenu = coach.get(f"/coachs/exports/carnets.xlsx?promotion={promotion.pk}")
    entete, *lignes = lire(contenu, "xlsx")

    assert len(lignes) == 2 and SECRET not in str(lignes)
    mois = timezone.localdate().strftime("%Y-%m")
    assert {ligne[entete.index("mois")] for ligne in lignes} == {mois}


def test_l_export_des_sessions_compte_inscriptions_et_presence(coach, promotion):
    """Registered, waiting, declined, present and absent people are counted per session."""
    session = SessionFactory(promotion=promotion, capacite=10)
    for present in (True, True, False, None):
        InscriptionFactory(session=session, personne=EIGFactory(promotion=promotion), present=present)
    InscriptionFactory(session=session, statut=Inscription.Statut.ATTENTE)
    InscriptionFactory(session=session, statut=Inscription.Statut.DECLINEE)

    entete, ligne = lire(coach.get(f"/coachs/exports/sessions.xlsx?promotion={promotion.pk}"), "xlsx")

    valeurs = dict(zip(entete, ligne))
    assert (valeurs["inscrites"], valeurs["en liste d'attente"], valeurs["ont décliné"], valeurs["présentes"],
            valeurs["absentes"], valeurs["nombre de places"]) == ("4", "1", "1", "2", "1", "10")


def test_l_export_des_comites_dit_l_etat_du_support_et_du_rapport(coach, promotion):
    """A comité with a submitted support and a published rapport, and one with neither."""
    peupler(promotion, 1)
    sans_rien = ComiteFactory(defi=DefiFactory(promotion=promotion, titre="Défi sans support"))

    entete, *lignes = lire(coach.get(f"/coachs/exports/comites.csv?promotion={promotion.pk}"), "csv")

    par_defi = {ligne[entete.index("défi")]: dict(zip(entete, ligne)) for ligne in lignes}
    assert par_defi[sans_rien.defi.titre]["support"] == "aucun" and par_defi[sans_rien.defi.titre]["rapport"] == "aucun"
    (autre,) = (valeurs for titre, valeurs in par_defi.items() if titre != sans_rien.defi.titre)
    assert autre["support"] == "Soumis" and autre["rapport"] == "Publié" and autre["support en retard"] == "non"
    assert MOMENT_ISO.match(autre["support soumis le"]) and SECRET not in str(lignes)


def test_sans_promotion_l_export_prend_la_promotion_affichee_par_defaut(coach, promotion):
    """Without ?promotion=, the promotion the coach's pages show first."""
    peupler(promotion, 1)
    reponse = coach.get("/coachs/exports/defis.csv")
    assert reponse.status_code == 200 and len(lire(reponse, "csv")) == 2


@pytest.mark.parametrize("nom", list(EXPORTS))
def test_un_export_garde_le_meme_nombre_de_requetes_quelle_que_soit_sa_taille(coach, promotion, nom,
                                                                              django_assert_max_num_queries):
    """The same number of queries for a promotion of 2 défis and of 8."""
    peupler(promotion, 2)
    with django_assert_max_num_queries(20) as petit:
        assert coach.get(f"/coachs/exports/{nom}.xlsx?promotion={promotion.pk}").status_code == 200
    peupler(promotion, 6)
    with django_assert_max_num_queries(len(petit.captured_queries)):
        assert coach.get(f"/coachs/exports/{nom}.xlsx?promotion={promotion.pk}").status_code == 200


def test_l_administration_exporte_avec_la_meme_ressource_et_n_importe_pas(coach, promotion):
    """The admin's export of the sessions gives the same columns in XLSX; there is no import page."""
    peupler(promotion, 2)
    formulaire = coach.get("/admin/accompagnement/session/export/").context["form"]
    donnees = {"format": "1", "resource": "0",
               **{nom: "on" for nom in formulaire.fields if nom.startswith("sessionresource_")}}

    reponse = coach.post("/admin/accompagnement/session/export/", donnees)

    assert reponse.status_code == 200
    entete, *lignes = lire(reponse, "xlsx")
    assert entete == COLONNES["sessions"] and len(lignes) == Session.objects.count()
    with pytest.raises(NoReverseMatch):
        reverse("admin:accompagnement_session_import")
    assert "Importer" not in coach.get("/admin/accompagnement/session/").content.decode()


def test_un_texte_qui_ressemble_a_une_formule_n_est_jamais_calcule(coach, promotion):
    """A subject typed as « =1+1 » is a text cell in XLSX, shown as typed; in CSV it starts with an apostrophe,
    so that a spreadsheet shows it rather than computing it."""
    HeureAccelerationFactory(defi=DefiFactory(promotion=promotion), sujet="=1+1")

    xlsx = coach.get(f"/coachs/exports/heures.xlsx?promotion={promotion.pk}")
    feuille = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    entete = [cellule.value for cellule in feuille[1]]
    cellule = feuille.cell(row=2, column=entete.index("sujet") + 1)
    assert (cellule.value, cellule.data_type) == ("=1+1", "s")
    entete, ligne = lire(coach.get(f"/coachs/exports/heures.csv?promotion={promotion.pk}"), "csv")
    assert ligne[entete.index("sujet")] == "'=1+1"
