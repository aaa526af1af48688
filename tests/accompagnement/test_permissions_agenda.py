"""The agenda's permission matrix: every URL of the domain, as anonymous and as each role."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from accompagnement.factories import InscriptionFactory, SessionFactory
from accompagnement.models import Session
from accompagnement.services.agenda import jeton_agenda_creer
from tests.matrice import VISITEURS, connectes, tous


def _invites(*visiteurs, autres=404):
    return {"anonyme": 302, **{v: 200 if v in visiteurs else autres for v in VISITEURS if v != "anonyme"}}


@pytest.fixture
def objets(scenario):
    """The scenario plus a session of the défi's team, a draft, a session for a list (the parrain) and the
    EIG's feed secret."""
    debut = timezone.now() + datetime.timedelta(days=7)
    fin = debut + datetime.timedelta(hours=2)
    personnes = scenario["personnes"]
    commun = {"promotion": scenario["promotion"], "debut": debut, "fin": fin}
    return {
        **scenario,
        "session_defi": SessionFactory(dispositif="atelier-collaboratif", audience=Session.Audience.DEFI,
                                       defi=scenario["defi"], **commun),
        "brouillon": SessionFactory(statut=Session.Statut.BROUILLON, **commun),
        "session_liste": SessionFactory(audience=Session.Audience.LISTE, invites=[personnes["parrain"]], **commun),
        "jeton": jeton_agenda_creer(personnes["eig"]),
    }


MATRICE_AGENDA = [
    ("agenda du mois", "get", lambda o: "/agenda/", connectes(200)),
    ("agenda d'un autre mois", "get", lambda o: "/agenda/?mois=2026-03", connectes(200)),
    ("agenda à venir", "get", lambda o: "/agenda/liste/", connectes(200)),
    ("s'abonner", "get", lambda o: "/agenda/abonnement/", connectes(200)),
    ("régénérer le lien", "post", lambda o: "/agenda/abonnement/", tous(302)),
    ("flux par son lien secret", "get", lambda o: f"/agenda/{o['jeton']}.ics", tous(200)),
    ("flux d'un lien inconnu", "get", lambda o: "/agenda/lien-inconnu.ics", tous(404)),
    (".ics d'une session du défi", "get", lambda o: f"/sessions/{o['session_defi'].pk}/ics/",
     _invites("coach", "eig", "porteur", "sponsor")),
    (".ics d'une session sur liste", "get", lambda o: f"/sessions/{o['session_liste'].pk}/ics/",
     _invites("coach", "parrain")),
    (".ics d'un brouillon", "get", lambda o: f"/sessions/{o['brouillon'].pk}/ics/", _invites("coach")),
    (".ics d'une session inexistante", "get", lambda o: "/sessions/999999/ics/", _invites()),
]

CAS = [(nom, methode, url, v, attendus[v]) for nom, methode, url, attendus in MATRICE_AGENDA for v in VISITEURS]


@pytest.mark.parametrize("nom,methode,construire,visiteur,attendu", CAS, ids=[f"{c[0]}-{c[3]}" for c in CAS])
def test_matrice_des_permissions_agenda(client, objets, nom, methode, construire, visiteur, attendu):
    """Each visitor gets exactly the expected status on each URL of the agenda."""
    if visiteur != "anonyme":
        client.force_login(objets["personnes"][visiteur])
    reponse = getattr(client, methode)(construire(objets))
    assert reponse.status_code == attendu, f"{nom} en tant que {visiteur} : {reponse.status_code} au lieu de {attendu}"
    if methode == "post":
        attendue = "/agenda/abonnement/" if visiteur != "anonyme" else "/comptes/login/code/"
        assert reponse["Location"].startswith(attendue)


def test_flux_ne_demande_pas_de_session_et_ne_montre_que_son_proprietaire(client, objets):
    """Anyone holding the link reads the EIG's feed, and only the EIG's sessions, without logging in."""
    InscriptionFactory(session=objets["session_defi"], personne=objets["personnes"]["eig"])
    InscriptionFactory(session=objets["session_liste"], personne=objets["personnes"]["parrain"])
    client.force_login(objets["personnes"]["parrain"])

    calendrier = Calendar.from_ical(client.get(f"/agenda/{objets['jeton']}.ics").content)

    assert [str(e["UID"]) for e in calendrier.walk("VEVENT")] == [f"session-{objets['session_defi'].uid}@magellan"]
