"""The iCalendar feed behind a secret link, and the .ics of one session, read back with the `icalendar` parser."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from accompagnement.factories import CreneauFactory, CycleFactory, InscriptionFactory, SessionFactory
from accompagnement.models import Inscription, JetonAgenda, Reservation, Session
from accompagnement.models.sessions import hacher_jeton
from accompagnement.selectors.agenda import evenements_de, fenetre_du_flux
from accompagnement.services.agenda import jeton_agenda_creer, jeton_agenda_regenerer
from programme.factories import CoachFactory, EIGFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
UTC = datetime.UTC


def inscrite(personne, debut, minutes=90, **champs):
    """A published session starting at `debut`, with `personne` registered."""
    if champs.get("statut") == Session.Statut.ANNULEE:
        champs.setdefault("motif_annulation", "Salle indisponible.")
    session = SessionFactory(debut=debut, fin=debut + datetime.timedelta(minutes=minutes), **champs)
    InscriptionFactory(session=session, personne=personne)
    return session


def seance(demandeur, mentor, debut):
    """One séance of mentorat individuel (1 h) booked by `demandeur` with `mentor`."""
    creneau = CreneauFactory(mentor=mentor, debut=debut, lieu="Salle Ségur")
    return CycleFactory(demandeur=demandeur, mentor=mentor, creneaux=[creneau]).reservations.get()


def dans(jours, heure=10):
    jour = timezone.localdate() + datetime.timedelta(days=jours)
    return timezone.make_aware(datetime.datetime.combine(jour, datetime.time(heure)))


def lire_flux(client, jeton):
    reponse = client.get(f"/agenda/{jeton}.ics")
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "text/calendar; charset=utf-8"
    calendrier = Calendar.from_ical(reponse.content)
    assert [c.errors for c in calendrier.walk() if c.errors] == []
    return calendrier


def vevents(calendrier):
    return {str(e["UID"]): e for e in calendrier.walk("VEVENT")}


@pytest.fixture
def eig():
    return EIGFactory(prenom="Camille", nom_usage="Lefèvre")


def test_flux_contient_exactement_les_evenements_de_l_agenda(client, eig):
    """Sessions and mentorat of the window come out with the agenda's UIDs, times and titles, nothing more."""
    coach = CoachFactory()
    inscrite(eig, dans(-40), titre="Expédition apprenante")
    inscrite(eig, dans(3), titre="Atelier-conférence")
    SessionFactory(debut=dans(5), fin=dans(5, 12), facilitateurs=[eig], titre="Partage entre pairs")
    seance(eig, coach, dans(8, 17))
    inscrite(eig, dans(-200), titre="Trop ancienne")
    inscrite(eig, dans(400), titre="Trop lointaine")
    inscrite(EIGFactory(), dans(4), titre="D'une autre personne")
    jeton = jeton_agenda_creer(eig)

    calendrier = lire_flux(client, jeton)

    attendus = evenements_de(eig, *fenetre_du_flux())
    recus = vevents(calendrier)
    assert len(attendus) == 4
    assert set(recus) == {e.uid for e in attendus}
    for evenement in attendus:
        vevent = recus[evenement.uid]
        assert vevent.decoded("DTSTART") == evenement.debut
        assert vevent.decoded("DTEND") == evenement.fin
        assert str(vevent["SUMMARY"]) == evenement.titre
        assert str(vevent["URL"]) == "http://testserver" + evenement.url
        assert str(vevent["STATUS"]) == "CONFIRMED"


def test_flux_a_les_proprietes_du_calendrier_et_le_fuseau_de_paris(client, eig):
    """PRODID, VERSION 2.0, the calendar's name, a VTIMEZONE Europe/Paris; every time carries TZID=Europe/Paris."""
    session = inscrite(eig, dans(3), lieu="DINUM, 20 avenue de Ségur", description="Venez avec vos questions.")

    calendrier = lire_flux(client, jeton_agenda_creer(eig))

    assert str(calendrier["VERSION"]) == "2.0"
    assert "Magellan" in str(calendrier["PRODID"])
    assert str(calendrier["X-WR-CALNAME"]) == "Magellan — agenda de Camille Lefèvre"
    (fuseau,) = calendrier.walk("VTIMEZONE")
    assert str(fuseau["TZID"]) == "Europe/Paris"
    (vevent,) = calendrier.walk("VEVENT")
    assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
    assert vevent["DTEND"].params["TZID"] == "Europe/Paris"
    assert str(vevent["UID"]) == f"session-{session.uid}@magellan"
    assert str(vevent["LOCATION"]) == "DINUM, 20 avenue de Ségur"
    assert "Venez avec vos questions." in str(vevent["DESCRIPTION"])
    assert vevent.decoded("DTSTAMP").tzinfo is not None


def test_sequence_monte_quand_la_session_change(client, eig):
    """The UID stays, SEQUENCE follows the session's revision, the new time comes out."""
    session = inscrite(eig, dans(3))
    jeton = jeton_agenda_creer(eig)
    (avant,) = vevents(lire_flux(client, jeton)).values()

    Session.objects.filter(pk=session.pk).update(debut=dans(4), fin=dans(4, 12), sequence=2)
    (apres,) = vevents(lire_flux(client, jeton)).values()

    assert str(avant["UID"]) == str(apres["UID"])
    assert (int(avant["SEQUENCE"]), int(apres["SEQUENCE"])) == (0, 2)
    assert apres.decoded("DTSTART") == dans(4)


def test_session_annulee_sort_en_cancelled(client, eig):
    """A cancelled session stays in the feed as STATUS:CANCELLED, so subscribed calendars strike it out."""
    inscrite(eig, dans(3), statut=Session.Statut.ANNULEE, motif_annulation="Grève des transports.", sequence=1)

    (vevent,) = lire_flux(client, jeton_agenda_creer(eig)).walk("VEVENT")

    assert str(vevent["STATUS"]) == "CANCELLED"
    assert int(vevent["SEQUENCE"]) == 1
    assert "Grève des transports." in str(vevent["DESCRIPTION"])


def test_seance_de_mentorat_annulee_sort_en_cancelled(client, eig):
    """A cancelled mentorat slot keeps its UID and comes out CANCELLED with its raised SEQUENCE."""
    reservation = seance(eig, CoachFactory(), dans(6, 17))
    Reservation.objects.filter(pk=reservation.pk).update(annulee_le=timezone.now(), sequence=1)

    (vevent,) = lire_flux(client, jeton_agenda_creer(eig)).walk("VEVENT")

    assert str(vevent["UID"]) == f"mentorat-{reservation.pk}@magellan"
    assert (str(vevent["STATUS"]), int(vevent["SEQUENCE"])) == ("CANCELLED", 1)


def test_textes_avec_virgules_points_virgules_et_longues_lignes_se_relisent_tels_quels(client, eig):
    """A title, a place and a description with commas, semicolons, backslashes, line breaks and accents, longer than
    a line of the format, come back exactly as written in a standard calendar reader, every line under 75 octets."""
    titre = "Atelier « données ; qualité », suite\\fin — préparation de la démonstration du défi, 2ᵉ partie"
    lieu = "DINUM, 20 avenue de Ségur ; salle 4\\B, Paris 7e, bâtiment Fontenoy, escalier C, 3ᵉ étage"
    description = "Première ligne ; avec virgule, et accent é.\nDeuxième ligne\\avec barre " + "é" * 60
    session = inscrite(eig, dans(2), titre=titre, lieu=lieu, description=description)
    reponse = client.get(f"/agenda/{jeton_agenda_creer(eig)}.ics")

    assert all(len(ligne) <= 75 for ligne in reponse.content.split(b"\r\n"))
    (vevent,) = Calendar.from_ical(reponse.content).walk("VEVENT")
    assert (str(vevent["SUMMARY"]), str(vevent["LOCATION"])) == (titre, lieu)
    assert description in str(vevent["DESCRIPTION"])
    assert str(vevent["UID"]) == f"session-{session.uid}@magellan"


def test_changement_d_heure_donne_les_bons_horaires_locaux_et_utc(client, eig, monkeypatch):
    """10 h in Paris on 29 March 2026 (summer time starts that night) is 08:00 UTC; on 25 October 2026
    (winter time is back) it is 09:00 UTC. The zone definition sent says so by itself."""
    mars = inscrite(eig, datetime.datetime(2026, 3, 29, 10, tzinfo=PARIS), titre="Le jour du passage à l'heure d'été")
    octobre = inscrite(eig, datetime.datetime(2026, 10, 25, 10, tzinfo=PARIS),
                       titre="Le jour du retour à l'heure d'hiver")
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 6, 1, 12, tzinfo=UTC))

    reponse = client.get(f"/agenda/{jeton_agenda_creer(eig)}.ics")
    calendrier = Calendar.from_ical(reponse.content)

    texte = reponse.content.decode()
    assert "DTSTART;TZID=Europe/Paris:20260329T100000" in texte
    assert "DTSTART;TZID=Europe/Paris:20261025T100000" in texte
    recus = vevents(calendrier)
    debut_mars = recus[f"session-{mars.uid}@magellan"].decoded("DTSTART")
    debut_octobre = recus[f"session-{octobre.uid}@magellan"].decoded("DTSTART")
    assert debut_mars.astimezone(UTC) == datetime.datetime(2026, 3, 29, 8, tzinfo=UTC)
    assert debut_octobre.astimezone(UTC) == datetime.datetime(2026, 10, 25, 9, tzinfo=UTC)
    # The VTIMEZONE alone, without the tz database, places both sessions and the night's changes rightly.
    fuseau = calendrier.walk("VTIMEZONE")[0].to_tz(lookup_tzid=False)
    assert datetime.datetime(2026, 3, 29, 10, tzinfo=fuseau).utcoffset() == datetime.timedelta(hours=2)
    assert datetime.datetime(2026, 3, 29, 1, 30, tzinfo=fuseau).utcoffset() == datetime.timedelta(hours=1)
    assert datetime.datetime(2026, 10, 25, 10, tzinfo=fuseau).utcoffset() == datetime.timedelta(hours=1)
    assert datetime.datetime(2026, 10, 24, 10, tzinfo=fuseau).utcoffset() == datetime.timedelta(hours=2)
    ete = [c for c in calendrier.walk("DAYLIGHT") if c.decoded("DTSTART").date() == datetime.date(2026, 3, 29)]
    assert [c.decoded("DTSTART").time() for c in ete] == [datetime.time(2, 0)]


def test_vtimezone_suit_zoneinfo_a_chaque_demi_heure_de_la_fenetre(client, eig):
    """Over the whole window, the zone sent gives the same offset as the tz database, every half hour."""
    inscrite(eig, dans(3))
    calendrier = lire_flux(client, jeton_agenda_creer(eig))
    fuseau = calendrier.walk("VTIMEZONE")[0].to_tz(lookup_tzid=False)
    debut, fin = fenetre_du_flux()

    instant, ecarts = debut.astimezone(UTC), []
    while instant < fin:
        if instant.astimezone(fuseau).utcoffset() != instant.astimezone(PARIS).utcoffset():
            ecarts.append(instant)
        instant += datetime.timedelta(minutes=30)

    assert ecarts == []


def test_regenerer_le_jeton_invalide_l_ancien_lien(client, eig):
    """After regeneration, the old link answers 404 and the new one the feed."""
    inscrite(eig, dans(3))
    ancien = jeton_agenda_creer(eig)
    assert client.get(f"/agenda/{ancien}.ics").status_code == 200

    nouveau = jeton_agenda_regenerer(eig)

    assert client.get(f"/agenda/{ancien}.ics").status_code == 404
    assert len(lire_flux(client, nouveau).walk("VEVENT")) == 1


def test_jeton_inconnu_repond_404(client, eig):
    """A made-up link, or one of a deactivated person, answers 404."""
    jeton = jeton_agenda_creer(eig)
    assert client.get("/agenda/nimporte-quoi.ics").status_code == 404

    eig.is_active = False
    eig.save()

    assert client.get(f"/agenda/{jeton}.ics").status_code == 404


def test_jeton_est_stocke_hache(eig):
    """Only the SHA-256 of the link is stored; the first visit creates it, the next ones cannot show it again."""
    jeton = jeton_agenda_creer(eig)

    assert JetonAgenda.objects.get(personne=eig).jeton_hache == hacher_jeton(jeton) != jeton
    assert jeton_agenda_creer(eig) is None


def test_ics_d_une_session_pour_une_personne_invitee(client, eig):
    """An invited person downloads the session's .ics: one VEVENT with the feed's UID, as an attachment."""
    session = SessionFactory(promotion=eig.roles.get().promotion, titre="Conférence : l'écoconception",
                             debut=dans(10, 17), fin=dans(10, 18), sequence=3)
    client.force_login(eig)

    reponse = client.get(f"/sessions/{session.pk}/ics/")

    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "text/calendar; charset=utf-8"
    assert reponse["Content-Disposition"] == 'attachment; filename="conference-lecoconception.ics"'
    calendrier = Calendar.from_ical(reponse.content)
    (vevent,) = calendrier.walk("VEVENT")
    assert str(vevent["UID"]) == f"session-{session.uid}@magellan"
    assert int(vevent["SEQUENCE"]) == 3
    assert vevent.decoded("DTSTART") == dans(10, 17)
    assert calendrier.walk("VTIMEZONE")


def test_ics_d_une_session_dit_la_liste_d_attente(client, eig):
    """On the waiting list, the session's .ics says TENTATIVE, and the description tells why."""
    session = SessionFactory(promotion=eig.roles.get().promotion, debut=dans(10, 17), fin=dans(10, 18))
    InscriptionFactory(session=session, personne=eig, statut=Inscription.Statut.ATTENTE)
    client.force_login(eig)

    (vevent,) = Calendar.from_ical(client.get(f"/sessions/{session.pk}/ics/").content).walk("VEVENT")

    assert str(vevent["STATUS"]) == "TENTATIVE"
    assert "liste d'attente" in str(vevent["DESCRIPTION"])
