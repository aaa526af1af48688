"""Sessions, the reads: who is invited for each audience, and the sessions open to a person."""

import datetime

import pytest
from django.utils import timezone

from accompagnement.factories import InscriptionFactory, SessionFactory
from accompagnement.models import Inscription, Session
from accompagnement.selectors.sessions import (
    comptes_ajouter,
    dispositifs_par_famille,
    invites_de,
    sessions_ouvertes_pour,
)
from defis.factories import DefiFactory, MembreEquipeFactory
from defis.models import MembreEquipe
from programme.factories import CoachFactory, EIGFactory, ExpertiseFactory, ParrainFactory, PromotionFactory
from programme.models import Personne, Role

pytestmark = pytest.mark.django_db

Audience = Session.Audience


@pytest.fixture
def monde():
    """A promotion with a coach, a parrain, two défis (an EIG designer, a porteuse and a sponsor on the
    first; a data scientist on the second), and an EIG designer of another promotion."""
    promotion = PromotionFactory()
    design, data = ExpertiseFactory(nom="Design"), ExpertiseFactory(nom="Data science")
    defi, autre_defi = DefiFactory(promotion=promotion), DefiFactory(promotion=promotion)
    personnes = {
        "coach": CoachFactory(promotion=promotion),
        "parrain": ParrainFactory(promotion=promotion),
        "designer": MembreEquipeFactory(defi=defi, role=MembreEquipe.Role.EIG).personne,
        "porteuse": MembreEquipeFactory(defi=defi, role=MembreEquipe.Role.PORTEUR).personne,
        "sponsor": MembreEquipeFactory(defi=defi, role=MembreEquipe.Role.SPONSOR).personne,
        "data": MembreEquipeFactory(defi=autre_defi, role=MembreEquipe.Role.EIG).personne,
        "ailleurs": EIGFactory(),
    }
    personnes["designer"].expertises.set([design])
    personnes["data"].expertises.set([data])
    personnes["ailleurs"].expertises.set([design])
    return {"promotion": promotion, "defi": defi, "design": design, "personnes": personnes}


def _noms(monde, personnes):
    inverse = {p.pk: nom for nom, p in monde["personnes"].items()}
    return {inverse[p.pk] for p in personnes}


@pytest.mark.parametrize("audience,attendus", [
    (Audience.PROMOTION, {"coach", "parrain", "designer", "porteuse", "sponsor", "data"}),
    (Audience.EIG, {"designer", "data"}),
    (Audience.PORTEURS, {"porteuse", "sponsor"}),
    (Audience.DEFI, {"designer", "porteuse", "sponsor"}),
    (Audience.METIER, {"designer"}),
])
def test_invites_de_selon_le_public(monde, audience, attendus):
    """Each audience invites exactly its people, within the session's promotion."""
    session = SessionFactory(promotion=monde["promotion"], audience=audience,
                             defi=monde["defi"] if audience == Audience.DEFI else None,
                             expertise=monde["design"] if audience == Audience.METIER else None)
    assert _noms(monde, invites_de(session)) == attendus


def test_invites_de_une_liste_de_personnes(monde):
    """A list invites the people listed, whatever their promotion, and nobody else."""
    p = monde["personnes"]
    session = SessionFactory(promotion=monde["promotion"], audience=Audience.LISTE, invites=[p["data"], p["ailleurs"]])
    assert _noms(monde, invites_de(session)) == {"data", "ailleurs"}


def test_invites_de_ecarte_les_comptes_desactives_et_les_doublons(monde):
    """A deactivated account is not invited; a person holding two invited roles appears once."""
    p, promotion = monde["personnes"], monde["promotion"]
    Role.objects.create(personne=p["porteuse"], promotion=promotion, type=Role.Type.SPONSOR)
    Personne.objects.filter(pk=p["parrain"].pk).update(is_active=False)
    porteurs = list(invites_de(SessionFactory(promotion=promotion, audience=Audience.PORTEURS)))
    assert porteurs.count(p["porteuse"]) == 1
    assert p["parrain"] not in invites_de(SessionFactory(promotion=promotion))


def test_sessions_ouvertes_pour_une_personne(monde):
    """A person sees the published sessions to come she is invited to — never a draft, a cancelled or past
    session, another défi's, another métier's, another promotion's or a list she is not on."""
    p, promotion = monde["personnes"], monde["promotion"]
    hier = timezone.now() - datetime.timedelta(days=1)
    ouvertes = [
        SessionFactory(promotion=promotion, titre="Toute la promotion"),
        SessionFactory(promotion=promotion, titre="Les EIG", audience=Audience.EIG),
        SessionFactory(promotion=promotion, titre="Le défi", audience=Audience.DEFI, defi=monde["defi"]),
        SessionFactory(promotion=promotion, titre="Le métier", audience=Audience.METIER, expertise=monde["design"]),
        SessionFactory(promotion=promotion, titre="La liste", audience=Audience.LISTE, invites=[p["designer"]]),
    ]
    SessionFactory(promotion=promotion, statut=Session.Statut.BROUILLON)
    SessionFactory(promotion=promotion, statut=Session.Statut.ANNULEE, motif_annulation="Grève")
    SessionFactory(promotion=promotion, debut=hier, fin=hier + datetime.timedelta(hours=1))
    SessionFactory(promotion=promotion, audience=Audience.PORTEURS)
    SessionFactory(promotion=promotion, audience=Audience.DEFI, defi=DefiFactory(promotion=promotion))
    SessionFactory(promotion=promotion, audience=Audience.METIER, expertise=ExpertiseFactory(nom="Juriste"))
    SessionFactory(promotion=promotion, audience=Audience.LISTE, invites=[p["data"]])
    SessionFactory()
    assert [s.titre for s in sessions_ouvertes_pour(p["designer"])] == [s.titre for s in ouvertes]


def test_sessions_ouvertes_pour_porte_la_reponse_et_les_comptes(monde):
    """Each open session carries the person's own answer and the number of registered and waiting people."""
    p = monde["personnes"]
    session = SessionFactory(promotion=monde["promotion"], capacite=1)
    InscriptionFactory(session=session, personne=p["data"])
    InscriptionFactory(session=session, personne=p["designer"], statut=Inscription.Statut.ATTENTE)
    (ouverte,) = comptes_ajouter(sessions_ouvertes_pour(p["designer"]))
    assert [i.statut for i in ouverte.mes_inscriptions] == [Inscription.Statut.ATTENTE]
    assert (ouverte.nombre_inscrites, ouverte.nombre_attente) == (1, 1)
    (pour_le_parrain,) = sessions_ouvertes_pour(p["parrain"])
    assert pour_le_parrain.mes_inscriptions == []


def test_le_catalogue_compte_dix_sept_dispositifs_en_quatre_familles():
    """The catalogue groups the seventeen dispositifs by family, in the programme's order."""
    familles = dispositifs_par_famille()
    assert [f["famille"] for f in familles] == ["defi", "porteurs", "individuel", "promotion"]
    assert sum(len(f["dispositifs"]) for f in familles) == 17
