"""The arrival path of newcomers and the community's charter: each step ticks itself when the action is done in
Magellan, the path leaves « Mon espace » once done, the coaches follow it on their dashboard and change it per
promotion; the charter is acknowledged once per promotion and asked again when it changes."""

import io
import json
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accompagnement.factories import CarnetDeBordFactory, CycleFactory, InscriptionFactory, SessionFactory
from accompagnement.models import Inscription
from accompagnement.services.agenda import jeton_agenda_creer
from defis.factories import DefiFactory, MembreEquipeFactory
from magellan.charte import CHARTE_INITIALE, charte_en_html
from magellan.effacement import personne_effacer
from magellan.models import Etape, EtapeParcours, JalonArrivee, PriseDeConnaissance, VersionCharte
from magellan.selectors_arrivee import charte_en_vigueur, parcours_de, parcours_de_la_promotion
from magellan.selectors_tableau import tableau_de_bord
from magellan.services_arrivee import (
    ETAPES_PAR_DEFAUT,
    charte_prendre_connaissance,
    charte_publier,
    etapes_initialiser,
)
from programme.factories import CoachFactory, EIGFactory, PersonneFactory, PromotionFactory, RoleFactory
from programme.models import Role
from ressources.models import Ressource
from ressources.services import SLUG_ACCUEIL

pytestmark = pytest.mark.django_db


@pytest.fixture
def promotion():
    return PromotionFactory(nom="Promotion 12")


@pytest.fixture
def eig(promotion):
    return EIGFactory(promotion=promotion, prenom="Inès", nom_usage="Arrivée")


@pytest.fixture
def coach(promotion):
    return CoachFactory(promotion=promotion)


def _etat(personne, promotion, public=Role.Type.EIG) -> dict[str, bool]:
    (parcours,) = [p for p in parcours_de(personne, promotion, [public]) if p.public == public]
    return {etape.etape: etape.faite for etape in parcours.etapes}


# --- Les étapes par promotion -------------------------------------------------------------------------------


def test_une_nouvelle_promotion_recoit_les_etapes_par_defaut_de_chaque_public(promotion):
    for public, etapes in ETAPES_PAR_DEFAUT.items():
        lues = list(EtapeParcours.objects.filter(promotion=promotion, public=public).values_list("etape", flat=True))
        assert lues == list(etapes)
    assert etapes_initialiser(promotion) == 0  # idempotent


def test_un_nouvel_eig_n_a_rien_de_fait_et_voit_les_sept_etapes(eig, promotion):
    etat = _etat(eig, promotion)
    assert list(etat) == list(ETAPES_PAR_DEFAUT[Role.Type.EIG])
    assert not any(etat.values())


def test_une_etape_desactivee_renommee_ou_deplacee_par_les_coachs_se_lit_ainsi(eig, promotion):
    EtapeParcours.objects.filter(promotion=promotion, public="eig", etape=Etape.AGENDA).update(active=False)
    EtapeParcours.objects.filter(promotion=promotion, public="eig", etape=Etape.CHARTE).update(
        ordre=1, libelle="Lire notre charte")
    (parcours,) = parcours_de(eig, promotion, [Role.Type.EIG])
    assert [e.etape for e in parcours.etapes][0] == Etape.CHARTE
    assert parcours.etapes[0].libelle == "Lire notre charte"
    assert Etape.AGENDA not in [e.etape for e in parcours.etapes]
    assert parcours.total == 6
    # Another promotion keeps its own path.
    autre = PromotionFactory()
    assert EtapeParcours.objects.get(promotion=autre, public="eig", etape=Etape.AGENDA).active


# --- Chaque étape se coche d'elle-même -----------------------------------------------------------------------


def test_ouvrir_le_mot_d_accueil_coche_l_etape(client, eig, promotion):
    client.force_login(eig)
    reponse = client.get("/bienvenue/")
    assert reponse.status_code == 200
    assert "Bienvenue dans la communauté des Entrepreneurs d'intérêt général" in reponse.content.decode()
    assert _etat(eig, promotion)[Etape.ACCUEIL]
    premier = JalonArrivee.objects.get(personne=eig).le
    client.get("/bienvenue/")
    assert JalonArrivee.objects.get(personne=eig).le == premier  # the first time is kept


def test_le_mot_d_accueil_est_la_page_d_accueil_des_coachs_telle_qu_ils_l_ecrivent(client, eig, promotion):
    """Once the coaches' welcome page is in the resources (imported from their site, then edited by them), the
    arrival path's welcome shows it, not a second text: a coach's change is what the newcomer reads."""
    accueil = Ressource.objects.create(slug=SLUG_ACCUEIL, groupe=Ressource.Groupe.ACCUEIL, publique=True,
                                       titre="Bienvenue dans la communauté !",
                                       contenu="Vos coachs vous accueillent **lundi** à 10 h.")
    client.force_login(eig)
    page = client.get("/bienvenue/").content.decode()
    assert "Bienvenue dans la communauté !" in page and "<strong>lundi</strong>" in page
    assert "Une synergie interministérielle" not in page
    accueil.contenu = "Rendez-vous **mardi**."
    accueil.save()
    assert "<strong>mardi</strong>" in client.get("/bienvenue/").content.decode()
    assert _etat(eig, promotion)[Etape.ACCUEIL]


def test_remplir_sa_fiche_de_l_annuaire_coche_l_etape(client, eig, promotion):
    client.force_login(eig)
    client.post("/espace/annuaire/", {"presentation": "Designer de services.", "annuaire_presentation": "on"})
    eig.refresh_from_db()
    assert _etat(eig, promotion)[Etape.ANNUAIRE]


def test_seule_la_lecture_du_flux_de_l_agenda_coche_l_abonnement(client, eig, promotion):
    client.force_login(eig)
    page = client.get("/agenda/abonnement/").content.decode()  # showing the link is not subscribing
    assert not _etat(eig, promotion)[Etape.AGENDA]
    client.logout()
    flux = re.search(r"http://testserver(/agenda/[^\s\"<]+\.ics)", page).group(1)
    assert client.get(flux).status_code == 200  # the calendar application reads the feed
    assert _etat(eig, promotion)[Etape.AGENDA]
    autre = EIGFactory(promotion=promotion)
    assert client.get(f"/agenda/{jeton_agenda_creer(autre)}.ics").status_code == 200
    assert JalonArrivee.objects.filter(quoi=JalonArrivee.Quoi.AGENDA).count() == 2


def test_l_inscription_au_seminaire_d_integration_de_sa_promotion_coche_l_etape(eig, promotion):
    conference = SessionFactory(promotion=promotion, dispositif="conference")
    InscriptionFactory(session=conference, personne=eig)
    ailleurs = SessionFactory(dispositif="seminaire-integration")
    InscriptionFactory(session=ailleurs, personne=eig)
    assert not _etat(eig, promotion)[Etape.SEMINAIRE_INTEGRATION]
    seminaire = SessionFactory(promotion=promotion, dispositif="seminaire-integration")
    inscription = InscriptionFactory(session=seminaire, personne=eig, statut=Inscription.Statut.ATTENTE)
    assert not _etat(eig, promotion)[Etape.SEMINAIRE_INTEGRATION]
    inscription.statut = Inscription.Statut.INSCRITE
    inscription.save()
    assert _etat(eig, promotion)[Etape.SEMINAIRE_INTEGRATION]


def test_un_cycle_avec_un_coach_coche_la_rencontre_et_plus_s_il_est_annule(eig, promotion, coach):
    cycle = CycleFactory(demandeur=eig, mentor=coach)
    assert _etat(eig, promotion)[Etape.COACHS]
    cycle.annule_le = cycle.created_at
    cycle.save()
    assert not _etat(eig, promotion)[Etape.COACHS]


def test_le_premier_carnet_de_bord_coche_l_etape(eig, promotion):
    CarnetDeBordFactory(eig=eig)
    assert _etat(eig, promotion)[Etape.CARNET]


# --- La charte -------------------------------------------------------------------------------------------------


def test_la_charte_initiale_est_chargee_et_rendue_sans_balise_de_l_auteur():
    version = charte_en_vigueur()
    assert version.numero == 1 and version.texte == CHARTE_INITIALE
    html = charte_en_html("## Valeurs\n\nUn <script>alert(1)</script> texte\nsur deux lignes.\n\n- un\n- deux")
    assert html == ("<h2>Valeurs</h2>\n<p>Un &lt;script&gt;alert(1)&lt;/script&gt; texte sur deux lignes.</p>\n"
                    "<ul><li>un</li><li>deux</li></ul>")


def test_prendre_connaissance_de_la_charte_coche_l_etape_une_fois_par_promotion(client, eig, promotion):
    client.force_login(eig)
    page = client.get("/charte/").content.decode()
    assert "S&#x27;adresser aux autres comme on voudrait qu&#x27;on s&#x27;adresse à nous" in page
    assert "J'ai pris connaissance de la charte" in page
    assert client.post("/charte/").status_code == 302
    assert _etat(eig, promotion)[Etape.CHARTE]
    prise = PriseDeConnaissance.objects.get(personne=eig)
    assert prise.promotion == promotion and prise.version.numero == 1
    client.post("/charte/")
    assert PriseDeConnaissance.objects.filter(personne=eig).count() == 1
    page = client.get("/charte/").content.decode()
    assert "Vous avez pris connaissance de cette version de la charte le" in page
    assert "J'ai pris connaissance de la charte" not in page
    # The same person in a new promotion acknowledges it again, for that one.
    suivante = PromotionFactory(nom="Promotion 13")
    RoleFactory(personne=eig, promotion=suivante, type=Role.Type.PORTEUR)
    assert not _etat(eig, suivante, Role.Type.PORTEUR)[Etape.CHARTE]


def test_une_nouvelle_version_de_la_charte_redemande_la_prise_de_connaissance(client, eig, promotion, coach):
    charte_prendre_connaissance(eig, charte_en_vigueur())
    assert _etat(eig, promotion)[Etape.CHARTE]
    version = charte_publier("## Valeurs\n\nLa sobriété numérique.", changements="La sobriété.", par=coach)
    assert version.numero == 2
    assert not _etat(eig, promotion)[Etape.CHARTE]
    client.force_login(eig)
    page = client.get("/charte/").content.decode()
    assert "Version 2" in page and "La sobriété." in page
    assert "J'ai pris connaissance de la charte" in page
    client.post("/charte/")
    assert _etat(eig, promotion)[Etape.CHARTE]
    assert list(PriseDeConnaissance.objects.filter(personne=eig).values_list("version__numero", flat=True)) \
        == [2, 1]  # the first acknowledgement and its date are kept


def test_une_charte_vide_est_refusee_en_francais(coach):
    with pytest.raises(ValidationError, match="Ce champ ne peut pas être vide"):
        charte_publier("   ", par=coach)
    assert VersionCharte.objects.count() == 1


def test_un_coach_publie_une_nouvelle_version_dans_l_administration(client, coach):
    client.force_login(coach)
    formulaire = client.get("/admin/magellan/versioncharte/add/").content.decode()
    assert "Les valeurs" in formulaire  # prefilled with the version in force
    reponse = client.post("/admin/magellan/versioncharte/add/",
                          {"texte": "## Pratiques\n\nDire « je ne sais pas ».", "changements": "Plus court."})
    assert reponse.status_code == 302
    version = charte_en_vigueur()
    assert (version.numero, version.par, version.changements) == (2, coach, "Plus court.")
    # A published version is not changed.
    assert client.post(f"/admin/magellan/versioncharte/{version.pk}/change/",
                       {"texte": "Autre", "changements": ""}).status_code == 403


def test_un_coach_change_les_etapes_d_une_promotion_dans_l_administration(client, coach, promotion, eig):
    client.force_login(coach)
    etape = EtapeParcours.objects.get(promotion=promotion, public="eig", etape=Etape.SEMINAIRE_INTEGRATION)
    reponse = client.post(f"/admin/magellan/etapeparcours/{etape.pk}/change/", {
        "promotion": promotion.pk, "public": "eig", "etape": Etape.SEMINAIRE_INTEGRATION,
        "libelle": "Venir au séminaire de rentrée", "ordre": 5, "active": "on"})
    assert reponse.status_code == 302
    (parcours,) = parcours_de(eig, promotion, [Role.Type.EIG])
    assert parcours.etapes[0].libelle == "Venir au séminaire de rentrée"
    client.force_login(eig)
    assert client.get("/admin/magellan/etapeparcours/").status_code == 302


# --- Mon espace et le tableau de bord ---------------------------------------------------------------------------


def test_mon_espace_montre_le_parcours_jusqu_a_ce_qu_il_soit_fini(client, eig, promotion, coach):
    client.force_login(eig)
    page = client.get("/espace/").content.decode()
    assert "Mon parcours d'arrivée" in page
    assert "0 étape faite sur 7" in page
    client.get("/bienvenue/")
    assert "1 étape faite sur 7" in client.get("/espace/").content.decode()
    # Everything else done: the path leaves « Mon espace ».
    eig.annuaire_liens = True
    eig.save()
    JalonArrivee.objects.create(personne=eig, quoi=JalonArrivee.Quoi.AGENDA)
    InscriptionFactory(session=SessionFactory(promotion=promotion, dispositif="seminaire-integration"), personne=eig)
    CycleFactory(demandeur=eig, mentor=coach)
    CarnetDeBordFactory(eig=eig)
    charte_prendre_connaissance(eig, charte_en_vigueur())
    assert "parcours d'arrivée" not in client.get("/espace/").content.decode()


def test_le_porteur_et_le_sponsor_ont_leurs_propres_etapes(client, promotion):
    porteur = PersonneFactory()
    RoleFactory(personne=porteur, promotion=promotion, type=Role.Type.PORTEUR)
    sponsor = PersonneFactory()
    RoleFactory(personne=sponsor, promotion=promotion, type=Role.Type.SPONSOR)
    assert list(_etat(porteur, promotion, Role.Type.PORTEUR)) == list(ETAPES_PAR_DEFAUT[Role.Type.PORTEUR])
    assert list(_etat(sponsor, promotion, Role.Type.SPONSOR)) == list(ETAPES_PAR_DEFAUT[Role.Type.SPONSOR])
    client.force_login(sponsor)
    page = client.get("/espace/").content.decode()
    assert "0 étape faite sur 4" in page and "Écrire mon premier carnet de bord" not in page


def test_un_coach_ou_un_parrain_n_a_pas_de_parcours(client, coach):
    client.force_login(coach)
    assert "parcours d'arrivée" not in client.get("/espace/").content.decode()


def _requetes(fonction) -> int:
    with CaptureQueriesContext(connection) as requetes:
        fonction()
    return len(requetes)


def test_le_parcours_se_lit_en_nombre_borne_de_requetes(eig, promotion, coach):
    # The promotion's seminar is planned (its registrations are read from its sessions).
    SessionFactory(promotion=promotion, dispositif="seminaire-integration")
    seul = _requetes(lambda: parcours_de(eig, promotion, [Role.Type.EIG, Role.Type.PORTEUR]))
    CarnetDeBordFactory(eig=eig)
    CycleFactory(demandeur=eig, mentor=coach)
    for _ in range(3):
        InscriptionFactory(session=SessionFactory(promotion=promotion, dispositif="seminaire-integration"),
                           personne=eig)
    assert _requetes(lambda: parcours_de(eig, promotion, [Role.Type.EIG, Role.Type.PORTEUR])) == seul <= 7


def test_le_tableau_de_bord_montre_la_progression_de_chaque_nouvel_arrivant_en_requetes_bornees(client, promotion,
                                                                                                 coach, eig):
    defi = DefiFactory(promotion=promotion)
    MembreEquipeFactory(defi=defi, personne=eig)
    client.force_login(eig)
    client.get("/bienvenue/")
    peu = _requetes(lambda: parcours_de_la_promotion(promotion))
    for _ in range(5):
        autre = EIGFactory(promotion=promotion)
        CarnetDeBordFactory(eig=autre)
        charte_prendre_connaissance(autre, charte_en_vigueur())
    assert _requetes(lambda: parcours_de_la_promotion(promotion)) == peu <= 8
    parcours = tableau_de_bord(promotion)["parcours"]
    assert parcours["total"] == 6 and parcours["finis"] == 0
    assert parcours["en_cours"][0].personne == eig  # the least advanced first
    client.force_login(coach)
    page = client.get(f"/coachs/tableau-de-bord/?promotion={promotion.pk}").content.decode()
    assert "Parcours d'arrivée" in page and "0 personne sur 6 a fini son parcours d'arrivée" in page
    detail = f"/coachs/tableau-de-bord/parcours/?promotion={promotion.pk}"
    assert f'href="{detail}">Les 6 personnes encore en chemin' in page
    page = client.get(detail).content.decode()
    assert "Inès Arrivée" in page and "1 sur 7" in page
    assert f"/admin/magellan/etapeparcours/?promotion__id__exact={promotion.pk}" in page


# --- Mes données et l'effacement --------------------------------------------------------------------------------


def test_mes_donnees_tiennent_les_prises_de_connaissance_et_l_effacement_les_supprime(client, eig, promotion, coach):
    client.force_login(eig)
    client.get("/bienvenue/")
    client.post("/charte/")
    reponse = client.post("/espace/mes-donnees/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(reponse.streaming_content)))
    charte = json.loads(archive.read("donnees/charte.json"))
    assert charte[0]["version"] == 1 and charte[0]["promotion"] == "Promotion 12" and charte[0]["le"]
    assert json.loads(archive.read("donnees/parcours_arrivee.json"))[0]["quoi"] == "Mot d'accueil lu"
    assert "Vos prises de connaissance de la charte" in archive.read("LISEZMOI.txt").decode()
    personne_effacer(eig, par=coach)
    assert not PriseDeConnaissance.objects.exists() and not JalonArrivee.objects.exists()
    assert VersionCharte.objects.count() == 1
