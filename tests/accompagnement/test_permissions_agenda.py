"""The agenda's feed by its secret link (its statuses per visitor are in the permission matrix, tests/matrice/)."""

import pytest
from icalendar import Calendar

from accompagnement.factories import InscriptionFactory
from tests.matrice import agenda


@pytest.fixture
def objets(scenario):
    """The scenario plus the agenda's objects of the matrix: sessions of the défi and of a list, the EIG's feed."""
    return {**scenario, **agenda.preparer(scenario)}


def test_flux_ne_demande_pas_de_session_et_ne_montre_que_son_proprietaire(client, objets):
    """Anyone holding the link reads the EIG's feed, and only the EIG's sessions, without logging in."""
    InscriptionFactory(session=objets["agenda_defi"], personne=objets["personnes"]["eig"])
    InscriptionFactory(session=objets["agenda_liste"], personne=objets["personnes"]["parrain"])
    client.force_login(objets["personnes"]["parrain"])

    calendrier = Calendar.from_ical(client.get(f"/agenda/{objets['jeton_agenda']}.ics").content)

    assert [str(e["UID"]) for e in calendrier.walk("VEVENT")] == [f"session-{objets['agenda_defi'].uid}@magellan"]
