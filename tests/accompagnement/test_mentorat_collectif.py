"""The mentorat collectif: a coach or a parrain proposes a session on a shared problem to a promotion's EIG, the EIG
of a métier or its porteurs; the people it is open to see it and join within its seats, then on the waiting list;
it is in their agendas and in the répartition du temps."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from accompagnement.models import Inscription, Session
from accompagnement.selectors.agenda import evenements_de, repartition_du_temps
from accompagnement.selectors.mentorat_collectif import (
    mentorats_collectifs_animes_par,
    mentorats_collectifs_ouverts_pour,
)
from accompagnement.services.mentorat_collectif import PLACES_MIN, mentorat_collectif_proposer
from accompagnement.services.sessions import session_inscrire
from programme.factories import (
    CoachFactory,
    EIGFactory,
    ExpertiseFactory,
    ParrainFactory,
    PorteurFactory,
    PromotionFactory,
)
from tests.accompagnement.outils_mentorat import a_paris, lundi

pytestmark = pytest.mark.django_db


@pytest.fixture
def promotion():
    return PromotionFactory()


@pytest.fixture
def parrain(promotion):
    return ParrainFactory(promotion=promotion, prenom="Marion", nom_usage="Leclerc")


def _proposer(par, promotion, **champs):
    valeurs = {"titre": "Ouvrir ses données sans se perdre", "description": "Nos freins communs.",
               "debut": a_paris(lundi(2), 14), "duree_minutes": 90, "places": 3,
               "audience": Session.Audience.EIG, "lieu": "DINUM, salle Ségur", **champs}
    return mentorat_collectif_proposer(par, promotion=promotion, **valeurs)


def test_un_parrain_propose_un_mentorat_collectif_publie_qu_il_anime(promotion, parrain):
    """The parrain's proposal is a published session of the mentorat collectif, 1 h 30 long, that he leads."""
    session = _proposer(parrain, promotion)
    assert session.statut == Session.Statut.PUBLIEE and session.dispositif.slug == "mentorat-collectif"
    assert session.fin - session.debut == datetime.timedelta(minutes=90) and session.capacite == 3
    assert list(session.facilitateurs.all()) == [parrain]
    assert list(mentorats_collectifs_animes_par(parrain)) == [session]


def test_les_places_se_remplissent_puis_la_liste_d_attente(promotion, parrain):
    """Three seats: the first three EIG are registered, the fourth waits; the parrain takes none."""
    session = _proposer(parrain, promotion)
    eig = [EIGFactory(promotion=promotion) for _ in range(4)]
    statuts = [session_inscrire(session, personne).statut for personne in eig]
    assert statuts == [Inscription.Statut.INSCRITE] * 3 + [Inscription.Statut.ATTENTE]
    with pytest.raises(ValidationError):
        session_inscrire(session, parrain)


def test_seules_les_personnes_concernees_voient_l_offre(promotion, parrain):
    """Open to the EIG of one métier: an EIG of that métier sees it, another EIG, a porteur and the EIG of
    another promotion do not, and the parrain who leads it is not offered to join it."""
    design = ExpertiseFactory(nom="Design")
    session = _proposer(parrain, promotion, audience=Session.Audience.METIER, expertise=design)
    designer, developpeuse = EIGFactory(promotion=promotion), EIGFactory(promotion=promotion)
    designer.expertises.add(design)
    ailleurs = EIGFactory(promotion=PromotionFactory())
    ailleurs.expertises.add(design)
    assert list(mentorats_collectifs_ouverts_pour(designer)) == [session]
    for personne in (developpeuse, PorteurFactory(promotion=promotion), ailleurs, parrain):
        assert not mentorats_collectifs_ouverts_pour(personne).exists()
    with pytest.raises(ValidationError):
        session_inscrire(session, developpeuse)


def test_un_mentorat_collectif_pour_les_porteurs_leur_est_ouvert(promotion):
    """A coach proposes one to the porteurs: a porteuse sees it, an EIG does not."""
    session = _proposer(CoachFactory(promotion=promotion), promotion, audience=Session.Audience.PORTEURS)
    assert list(mentorats_collectifs_ouverts_pour(PorteurFactory(promotion=promotion))) == [session]
    assert not mentorats_collectifs_ouverts_pour(EIGFactory(promotion=promotion)).exists()


@pytest.mark.parametrize("champs", [
    {"duree_minutes": 30}, {"duree_minutes": 120}, {"places": PLACES_MIN - 1}, {"places": 500},
    {"audience": Session.Audience.PROMOTION}, {"audience": Session.Audience.METIER},
    {"lieu": ""}, {"debut": a_paris(lundi(-2), 14)},
])
def test_une_proposition_hors_des_regles_est_refusee(promotion, parrain, champs):
    """A length out of 1 h–1 h 30, too few or too many seats, a public other than EIG, a métier or porteurs, a
    métier not named, no place, a past date: refused, nothing created."""
    with pytest.raises(ValidationError):
        _proposer(parrain, promotion, **champs)
    assert not Session.objects.exists()


def test_un_parrain_ne_propose_pas_a_une_autre_promotion(parrain):
    """A parrain of one promotion cannot propose a mentorat collectif to another."""
    with pytest.raises(ValidationError, match="cette promotion"):
        _proposer(parrain, PromotionFactory())


def test_le_mentorat_collectif_est_dans_l_agenda_et_la_repartition(promotion, parrain):
    """Joined, it is in the EIG's agenda and counts 1 h 30 in the répartition du temps; led, in the parrain's."""
    session = _proposer(parrain, promotion)
    eig = EIGFactory(promotion=promotion)
    session_inscrire(session, eig)
    debut, fin = session.debut - datetime.timedelta(days=1), session.fin + datetime.timedelta(days=1)
    for personne in (eig, parrain):
        evenements = evenements_de(personne, debut, fin)
        assert [e.titre for e in evenements] == [session.titre]
    lignes = {ligne.famille: ligne for ligne in repartition_du_temps(evenements_de(eig, debut, fin), debut, fin)}
    assert lignes[session.dispositif.famille].nombre == 1 and lignes[session.dispositif.famille].minutes == 90


def test_le_parrain_propose_par_la_page_et_l_eig_rejoint_depuis_la_liste(client, promotion, parrain):
    """The parrain's form publishes the session and leads to its page; the EIG finds it from the mentorat page,
    joins it from the list and is registered."""
    client.force_login(parrain)
    reponse = client.post("/mentorat/collectif/proposer/", {
        "promotion": promotion.pk, "titre": "Faire adopter son produit", "description": "Nos utilisateurs.",
        "jour": lundi(2).isoformat(), "heure": "14:00", "duree_minutes": "75", "places": "4", "audience": "eig",
        "lien_visio": "https://webinaire.numerique.gouv.fr/mentorat"})
    session = Session.objects.get()
    assert reponse.status_code == 302 and reponse["Location"] == f"/sessions/{session.pk}/"
    assert "Vous animez cette session" in client.get(reponse["Location"]).content.decode()
    eig = EIGFactory(promotion=promotion)
    client.force_login(eig)
    assert 'href="/mentorat/collectif/"' in client.get("/mentorat/").content.decode()
    page = client.get("/mentorat/collectif/").content.decode()
    assert "Faire adopter son produit" in page and "S'inscrire" in page
    client.post(f"/sessions/{session.pk}/reponse/", {"reponse": "inscrire", "suite": "/mentorat/collectif/"})
    assert session.inscriptions.get().personne == eig


def test_la_page_des_mentorats_collectifs_a_un_nombre_de_requetes_constant(client, promotion, parrain,
                                                                           django_assert_max_num_queries):
    """The list asks the same number of queries with one offer or six."""
    eig = EIGFactory(promotion=promotion)
    client.force_login(eig)
    _proposer(parrain, promotion)
    with django_assert_max_num_queries(20) as une:
        client.get("/mentorat/collectif/")
    for rang in range(5):
        _proposer(parrain, promotion, debut=a_paris(lundi(3 + rang), 14))
    with django_assert_max_num_queries(len(une.captured_queries)):
        assert client.get("/mentorat/collectif/").content.decode().count("fr-card__title") == 6


def test_les_offres_se_lisent_par_pages_avec_leurs_places(client, promotion, parrain):
    """Beyond a page of offers, the next ones are on page 2, each still saying how many seats are taken."""
    from accompagnement.views.mentorat import OFFRES_PAR_PAGE

    eig, autre = EIGFactory(promotion=promotion), EIGFactory(promotion=promotion)
    sessions = [_proposer(parrain, promotion, titre=f"Problème partagé n° {rang}", debut=a_paris(lundi(2 + rang), 14))
                for rang in range(OFFRES_PAR_PAGE + 1)]
    session_inscrire(sessions[-1], autre)
    client.force_login(eig)
    premiere = client.get("/mentorat/collectif/").content.decode()
    assert premiere.count("fr-card__title") == OFFRES_PAR_PAGE and "Problème partagé n° 0" in premiere
    seconde = client.get("/mentorat/collectif/?page=2").content.decode()
    assert seconde.count("fr-card__title") == 1
    assert f"Problème partagé n° {OFFRES_PAR_PAGE}" in seconde and "1 inscrit sur 3 places" in seconde
