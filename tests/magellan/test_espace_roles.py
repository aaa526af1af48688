"""« Mon espace » says each role what to do next, with the right date and link, and what will come when there is
nothing to do yet; in a constant number of queries whatever the size of the data."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags

from accompagnement.factories import (
    CarnetDeBordFactory,
    CreneauFactory,
    CycleFactory,
    HeureAccelerationFactory,
    InscriptionFactory,
    SessionFactory,
)
from accompagnement.models import Session
from accompagnement.services.meteo import prochaine_date_de_vague
from defis.factories import DefiFactory, MembreEquipeFactory
from defis.models import MembreEquipe
from evaluations.factories import ComiteFactory, RapportFactory, SupportFactory
from evaluations.models import Rapport
from programme.dates import de_mois, premier_du_mois
from programme.factories import (
    AlumniFactory,
    CoachFactory,
    IntervenantFactory,
    ParrainFactory,
    PersonneFactory,
    PromotionFactory,
    RoleFactory,
)
from programme.models import Role
from tests.accompagnement.outils_meteo import VagueMeteoFactory, reponse

pytestmark = pytest.mark.django_db

MOMENT = "l j F Y à H\\hi"
MOMENT_DE_L_ANNEE = "l j F à H\\hi"
MOMENT_COURT = "j F Y à H\\hi"


def _page(client, personne) -> str:
    client.force_login(personne)
    reponse_http = client.get(reverse("espace"))
    assert reponse_http.status_code == 200
    return html.unescape(reponse_http.content.decode())


def _moment(valeur, format_=MOMENT) -> str:
    return date_format(timezone.localtime(valeur), format_)


class Bloc(str):
    """A role's block as HTML; `in` also finds a sentence in its text, tags left out and spaces collapsed."""

    def __contains__(self, morceau):
        return str.__contains__(self, morceau) or morceau in " ".join(strip_tags(self).split())


def _bloc(page: str, titre: str) -> Bloc:
    """A role's block, from its title to the next block or section."""
    debut = page.index(f"{titre} : à faire")
    fins = [i for i in (page.find(" : à faire", debut + len(titre) + 12), page.find("<section", debut)) if i > 0]
    return Bloc(page[debut:min(fins) if fins else len(page)])


@pytest.fixture
def promotion():
    return PromotionFactory(nom="Promotion 8", numero=8)


@pytest.fixture
def equipe(promotion):
    """A défi of the promotion with an EIG, a porteuse and a sponsor."""
    defi = DefiFactory(titre="Hospi'Flux", promotion=promotion)
    membres = {role: MembreEquipeFactory(defi=defi, role=role).personne for role in MembreEquipe.Role}
    return {"defi": defi, **membres}


def test_eig_voit_la_meteo_ouverte_jusqu_a_sa_cloture_avec_son_lien(client, promotion, equipe):
    """An open round not answered yet: until when it is open, and the link to answer it."""
    eig = equipe[MembreEquipe.Role.EIG]
    invitation = reponse(VagueMeteoFactory(promotion=promotion), eig)
    bloc = _bloc(_page(client, eig), "EIG")
    assert f"ouverte jusqu'au {_moment(invitation.vague.fermee_le, MOMENT_DE_L_ANNEE)}" in bloc
    assert reverse("meteo_repondre", args=[invitation.pk]) in bloc


def test_eig_sans_meteo_ouverte_apprend_quand_ouvrira_la_prochaine(client, promotion, equipe):
    """No round open: the day the next one opens, from the promotion's calendar."""
    eig = equipe[MembreEquipe.Role.EIG]
    attendue = prochaine_date_de_vague(promotion, timezone.localdate() - datetime.timedelta(days=1))
    bloc = _bloc(_page(client, eig), "EIG")
    assert f"Votre prochaine météo ouvrira le {date_format(attendue, 'l j F Y')}" in bloc
    assert attendue >= timezone.localdate() and attendue.weekday() == promotion.meteo_jour


def test_eig_a_son_carnet_du_mois_a_ecrire_puis_a_relire(client, promotion, equipe):
    """The month's carnet: a link to write it, then, once written, a link to read it."""
    eig = equipe[MembreEquipe.Role.EIG]
    mois = de_mois(premier_du_mois())
    bloc = _bloc(_page(client, eig), "EIG")
    assert f"Votre carnet {mois} est à écrire" in bloc
    assert f'href="{reverse("carnet_ecrire")}">Écrire mon carnet {mois}' in bloc
    CarnetDeBordFactory(eig=eig)
    bloc = _bloc(_page(client, eig), "EIG")
    assert f"Votre carnet {mois} est écrit" in bloc and f'href="{reverse("carnet")}"' in bloc


def test_eig_voit_le_support_attendu_et_la_date_du_comite(client, equipe):
    """The next comité of their défi: its date, the support's deadline and state, the link to prepare it."""
    eig, defi = equipe[MembreEquipe.Role.EIG], equipe["defi"]
    assert "Aucun comité planifié pour l'instant : les coachs le fixent pendant la phase." in _page(client, eig)
    comite = ComiteFactory(defi=defi, numero=2)
    bloc = _bloc(_page(client, eig), "EIG")
    assert f"Comité de la phase 2 le {_moment(comite.debut)}" in bloc
    assert f"support attendu avant le {_moment(comite.echeance_support)}" in bloc
    assert "Manquant" in bloc
    assert reverse("support", args=[defi.slug, 2]) in bloc


def test_eig_voit_ses_prochaines_sessions_son_cycle_et_la_phase_de_son_defi(client, promotion, equipe):
    """Registered sessions to come with their link, the current mentorat cycle, the défi's phase."""
    eig = equipe[MembreEquipe.Role.EIG]
    bloc = _bloc(_page(client, eig), "EIG")
    assert "Vous n'êtes inscrit ou inscrite à aucune session à venir." in bloc
    assert f'href="{reverse("mentorat")}">Réserver un cycle de mentorat' in bloc
    session = SessionFactory(promotion=promotion, titre="Masterclass accessibilité")
    InscriptionFactory(session=session, personne=eig)
    cycle = CycleFactory(demandeur=eig)
    bloc = _bloc(_page(client, eig), "EIG")
    lien = reverse("session", args=[session.pk])
    assert f'href="{lien}">Masterclass accessibilité</a> — {_moment(session.debut)}' in bloc
    premiere = cycle.reservations.order_by("creneau__debut").first().creneau
    assert f"Votre cycle avec {cycle.mentor} : prochaine séance le {_moment(premiere.debut)}" in bloc
    assert reverse("mentorat_cycle", args=[cycle.pk]) in bloc
    assert "Votre défi est en phase 2, « Prouver le concept »" in bloc


def test_porteur_voit_l_etat_du_support_les_rapports_et_le_seminaire(client, promotion, equipe):
    """The support due and its state, published rapports with their link, the next séminaire porteurs."""
    porteuse, defi = equipe[MembreEquipe.Role.PORTEUR], equipe["defi"]
    bloc = _bloc(_page(client, porteuse), "Porteur ou porteuse du défi")
    assert "Aucun rapport publié pour l'instant" in bloc
    assert "Le prochain séminaire porteurs n'est pas encore publié" in bloc
    passe = ComiteFactory(defi=defi, numero=1)
    RapportFactory(comite=passe, statut=Rapport.Statut.PUBLIE, publie_le=timezone.now())
    SupportFactory(comite=ComiteFactory(defi=defi, numero=2))
    seminaire = SessionFactory(promotion=promotion, dispositif="seminaire-porteurs", titre="Séminaire porteurs n° 2",
                               audience=Session.Audience.PORTEURS)
    bloc = _bloc(_page(client, porteuse), "Porteur ou porteuse du défi")
    assert "Comité de la phase 2" in bloc and "Brouillon" in bloc
    assert reverse("rapport", args=[defi.slug, 1]) in bloc
    assert f"« Séminaire porteurs n° 2 », le {_moment(seminaire.debut)}" in bloc
    assert f'href="{reverse("session", args=[seminaire.pk])}">S\'inscrire au séminaire' in bloc
    assert reverse("mentorat") in bloc


def test_sponsor_voit_ses_defis_leurs_comites_et_leurs_rapports(client, equipe):
    """Each défi of the sponsor with its next comité and its published rapports."""
    sponsor, defi = equipe[MembreEquipe.Role.SPONSOR], equipe["defi"]
    RapportFactory(comite=ComiteFactory(defi=defi, numero=1), statut=Rapport.Statut.PUBLIE, publie_le=timezone.now())
    RapportFactory(comite=ComiteFactory(defi=defi, numero=2))
    bloc = _bloc(_page(client, sponsor), "Sponsor")
    assert reverse("defi_evaluations", args=[defi.slug]) in bloc
    prochain = defi.comites.get(phase__numero=2)
    assert f"Phase 2, le {_moment(prochain.debut, MOMENT_COURT)}" in bloc
    assert reverse("rapport", args=[defi.slug, 1]) in bloc
    assert reverse("rapport", args=[defi.slug, 2]) not in bloc


def test_parrain_voit_ses_heures_restantes_ce_qu_il_a_donne_et_ses_creneaux(client, promotion, equipe):
    """Hours left this month (cap minus logged), the entries, the link to log more, their mentorat slots."""
    parrain = ParrainFactory(promotion=promotion)
    bloc = _bloc(_page(client, parrain), "Parrain ou marraine")
    assert "Promotion 8 : il vous reste 5 h sur 5 h" in bloc
    assert "Aucun créneau à venir" in bloc
    HeureAccelerationFactory(parrain=parrain, defi=equipe["defi"], duree_minutes=75, sujet="Revue du code")
    creneaux = CreneauFactory.create_batch(2, mentor=parrain, type="mentorat")
    bloc = _bloc(_page(client, parrain), "Parrain ou marraine")
    assert "Promotion 8 : il vous reste 3 h 45 sur 5 h ; vous avez donné 1 h 15 ce mois-ci." in bloc
    assert "1 h 15 pour « Hospi'Flux » (Revue du code)" in bloc
    assert f'href="{reverse("heures")}">Consigner des heures' in bloc
    prochain = _moment(min(creneau.debut for creneau in creneaux))
    assert f"2 créneaux à venir, dont 0 réservé et 2 libres ; le prochain le {prochain}" in bloc
    assert reverse("mentorat_creneaux") in bloc


def test_parrain_voit_le_mentorat_collectif_qu_il_anime(client, promotion):
    """A parrain who leads a mentorat collectif finds it in his block, with its registrations and the way to his
    mentorats collectifs; one who leads none sees no such list."""
    parrain = ParrainFactory(promotion=promotion)
    assert "Les sessions que vous animez" not in _bloc(_page(client, parrain), "Parrain ou marraine")
    session = SessionFactory(promotion=promotion, dispositif="mentorat-collectif", titre="Ouvrir ses données",
                             capacite=6, facilitateurs=[parrain])
    bloc = _bloc(_page(client, parrain), "Parrain ou marraine")
    assert f'href="{reverse("session", args=[session.pk])}">Ouvrir ses données</a>' in bloc
    assert reverse("mentorat_collectif") in bloc


def test_intervenant_voit_les_sessions_qu_il_anime(client, promotion):
    """The sessions they run, soonest first, with their link; none: what will come."""
    intervenante = IntervenantFactory(promotion=promotion)
    assert "Aucune session à animer pour l'instant" in _bloc(_page(client, intervenante), "Intervenant ou intervenante")
    session = SessionFactory(promotion=promotion, titre="Expédition au Lab Santé", facilitateurs=[intervenante])
    bloc = _bloc(_page(client, intervenante), "Intervenant ou intervenante")
    lien = reverse("session", args=[session.pk])
    assert f'href="{lien}">Expédition au Lab Santé</a> — {_moment(session.debut)}' in bloc


def test_alumni_voit_la_communaute_et_ses_invitations(client, promotion):
    """The link to the défis, and the sessions they are invited to (none: what will come)."""
    alumni = AlumniFactory(promotion=None)
    bloc = _bloc(_page(client, alumni), "Alumni")
    assert f'href="{reverse("defis")}"' in bloc and "Aucune invitation pour l'instant" in bloc
    session = SessionFactory(promotion=promotion, titre="Table ronde des alumni", audience=Session.Audience.LISTE,
                             invites=[alumni])
    bloc = _bloc(_page(client, alumni), "Alumni")
    assert f'href="{reverse("session", args=[session.pk])}">Table ronde des alumni' in bloc


def test_coach_a_un_lien_vers_le_tableau_de_bord_de_sa_promotion(client, promotion):
    """A coach's block names their promotion's phase and leads to the coaches' dashboard of that promotion."""
    bloc = _bloc(_page(client, CoachFactory(promotion=promotion)), "Coach")
    assert "Promotion 8 : phase 2, « Prouver le concept »" in bloc
    lien = f"{reverse('tableau_de_bord')}?promotion={promotion.pk}"
    assert f'href="{lien}">Ouvrir le tableau de bord de la Promotion 8' in bloc


def test_les_roles_de_la_promotion_en_cours_viennent_d_abord(client, promotion):
    """A parrain of the current promotion who is also alumni sees the parrain block first; an EIG role of a
    promotion over has no block."""
    personne = ParrainFactory(promotion=promotion)
    RoleFactory(personne=personne, promotion=None, type=Role.Type.ALUMNI)
    ancienne = PromotionFactory(nom="Promotion 3", numero=3, date_debut=datetime.date(2019, 9, 1))
    RoleFactory(personne=personne, promotion=ancienne, type=Role.Type.EIG)
    page = _page(client, personne)
    assert page.index("Parrain ou marraine : à faire") < page.index("Alumni : à faire")
    assert "EIG : à faire" not in page
    assert "cette promotion est terminée" in page


def test_personne_sans_role_n_a_aucun_bloc(client):
    """Someone without a role has no block to act on, only the word that the coaches invite people."""
    page = _page(client, PersonneFactory())
    assert ": à faire" not in page and "Aucun rôle pour l" in page


def _monde(personne, promotion, taille):
    """`taille` of everything the blocks read around `personne`, who holds every role."""
    for _ in range(taille):
        defi = DefiFactory(promotion=promotion)
        for role in MembreEquipe.Role:
            MembreEquipeFactory(defi=defi, personne=personne, role=role)
        MembreEquipeFactory.create_batch(2, defi=defi)
        RapportFactory(comite=ComiteFactory(defi=defi, numero=1), statut=Rapport.Statut.PUBLIE,
                       publie_le=timezone.now())
        SupportFactory(comite=ComiteFactory(defi=defi, numero=2))
        HeureAccelerationFactory(parrain=personne, defi=defi, duree_minutes=15)
        session = SessionFactory(promotion=promotion, facilitateurs=[personne])
        InscriptionFactory(session=session, personne=personne)
        SessionFactory(promotion=promotion, dispositif="seminaire-porteurs", audience=Session.Audience.PORTEURS)
        CreneauFactory(mentor=personne, type="mentorat")
        CycleFactory(demandeur=personne)
        vagues = personne.reponses_meteo.count()
        reponse(VagueMeteoFactory(promotion=promotion, jours_depuis_ouverture=1 + 14 * vagues), personne)


def test_mon_espace_de_tous_les_roles_en_nombre_constant_de_requetes(client, promotion,
                                                                      django_assert_max_num_queries):
    """Someone holding every role costs the same queries with one défi, session, comité… of each, or with six."""
    personne = PersonneFactory()
    for type_role in Role.Type:
        RoleFactory(personne=personne, promotion=None if type_role == Role.Type.ALUMNI else promotion,
                    type=type_role)
    CarnetDeBordFactory(eig=personne)
    _monde(personne, promotion, 1)
    client.force_login(personne)
    with django_assert_max_num_queries(60) as petit:
        assert client.get(reverse("espace")).status_code == 200
    _monde(personne, promotion, 5)
    with django_assert_max_num_queries(len(petit.captured_queries)):
        page = client.get(reverse("espace")).content.decode()
    assert all(f"{TITRE} : à faire" in html.unescape(page) for TITRE in ("EIG", "Sponsor", "Coach", "Alumni"))
