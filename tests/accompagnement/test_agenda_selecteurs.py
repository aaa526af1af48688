"""What a person's agenda holds: sessions, mentorat, the month grid and the répartition du temps."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accompagnement.factories import CreneauFactory, CycleFactory, InscriptionFactory, SessionFactory
from accompagnement.models import Inscription, Reservation, Session
from accompagnement.selectors.agenda import agenda_du_mois, evenements_de, repartition_du_temps
from programme.factories import CoachFactory, EIGFactory

pytestmark = pytest.mark.django_db


def paris(annee, mois, jour, heure=0, minute=0):
    return timezone.make_aware(datetime.datetime(annee, mois, jour, heure, minute))


def session(personne=None, statut_inscription=Inscription.Statut.INSCRITE, *, debut, minutes=90, **champs):
    """A session starting at `debut`, with `personne` registered (with that status) when given."""
    if champs.get("statut") == Session.Statut.ANNULEE:
        champs.setdefault("motif_annulation", "Intervenante malade.")
    s = SessionFactory(debut=debut, fin=debut + datetime.timedelta(minutes=minutes), **champs)
    if personne:
        InscriptionFactory(session=s, personne=personne, statut=statut_inscription)
    return s


def seance(demandeur, mentor, debut, *, minutes=60, annulee=False):
    """One séance of mentorat individuel booked by `demandeur` with `mentor`, cancelled when told."""
    creneau = CreneauFactory(mentor=mentor, debut=debut, fin=debut + datetime.timedelta(minutes=minutes),
                             lieu="https://visio.exemple.test/a")
    reservation = CycleFactory(demandeur=demandeur, mentor=mentor, creneaux=[creneau]).reservations.get()
    if annulee:
        Reservation.objects.filter(pk=reservation.pk).update(annulee_le=timezone.now())
        reservation.refresh_from_db()
    return reservation


NOVEMBRE = (paris(2026, 11, 1), paris(2026, 12, 1))


def test_agenda_contient_les_sessions_inscrites_en_attente_et_animees():
    """Registered and facilitated sessions appear; the waiting list is marked; declined, drafts and others' do not."""
    eig, autre = EIGFactory(), EIGFactory()
    inscrite = session(eig, debut=paris(2026, 11, 3, 9), titre="Expédition apprenante")
    attente = session(eig, Inscription.Statut.ATTENTE, debut=paris(2026, 11, 9, 14, 30))
    animee = session(None, debut=paris(2026, 11, 17, 17), facilitateurs=[eig])
    session(eig, Inscription.Statut.DECLINEE, debut=paris(2026, 11, 10, 10))
    session(eig, debut=paris(2026, 11, 12, 10), statut=Session.Statut.BROUILLON)
    session(autre, debut=paris(2026, 11, 13, 10))

    evenements = evenements_de(eig, *NOVEMBRE)

    assert [e.uid for e in evenements] == [f"session-{s.uid}@magellan" for s in (inscrite, attente, animee)]
    assert [(e.en_attente, e.anime) for e in evenements] == [(False, False), (True, False), (False, True)]
    assert evenements[0].titre == "Expédition apprenante"
    assert evenements[0].famille == "promotion"
    assert evenements[0].url == reverse("session", kwargs={"pk": inscrite.pk})


def test_agenda_garde_les_sessions_annulees_marquees():
    """A cancelled session stays in the agenda, marked cancelled, its reason in the description."""
    eig = EIGFactory()
    session(eig, debut=paris(2026, 11, 5, 10), statut=Session.Statut.ANNULEE, motif_annulation="Grève des transports.")

    (evenement,) = evenements_de(eig, *NOVEMBRE)

    assert evenement.annule and not evenement.compte
    assert "Grève des transports." in evenement.description


def test_agenda_ne_garde_que_la_periode_demandee():
    """Only events overlapping the period come back, including one that started before it."""
    eig = EIGFactory()
    session(eig, debut=paris(2026, 10, 31, 23), minutes=120, titre="À cheval")
    session(eig, debut=paris(2026, 12, 1, 9), titre="Trop tard")
    session(eig, debut=paris(2026, 10, 30, 9), titre="Trop tôt")

    assert [e.titre for e in evenements_de(eig, *NOVEMBRE)] == ["À cheval"]


def test_agenda_contient_le_mentorat_du_demandeur_et_du_mentor():
    """The requester sees their slots « avec » the mentor; the mentor sees the same slot « avec » the requester."""
    eig, coach = EIGFactory(prenom="Inès", nom_usage="Hijazi"), CoachFactory(prenom="Léry", nom_usage="Jicquel")
    reservation = seance(eig, coach, paris(2026, 11, 10, 17))
    seance(eig, coach, paris(2026, 11, 17, 17), annulee=True)

    cote_eig = evenements_de(eig, *NOVEMBRE)
    cote_coach = evenements_de(coach, *NOVEMBRE)

    assert [e.titre for e in cote_eig] == ["Mentorat individuel avec Léry Jicquel"] * 2
    assert [e.titre for e in cote_coach] == ["Mentorat individuel avec Inès Hijazi"] * 2
    assert cote_eig[0].uid == cote_coach[0].uid == f"mentorat-{reservation.pk}@magellan"
    assert [e.annule for e in cote_eig] == [False, True]
    assert cote_eig[0].famille == "individuel" and cote_eig[0].lien == "https://visio.exemple.test/a"
    assert cote_coach[0].anime and not cote_eig[0].anime
    assert cote_eig[0].url == reverse("mentorat_cycle", kwargs={"pk": reservation.cycle_id})


def test_repartition_additionne_les_heures_par_famille():
    """The month's hours per family: cancelled and waiting-list events left out, each family listed."""
    eig, coach = EIGFactory(), CoachFactory()
    session(eig, debut=paris(2026, 11, 5, 9), minutes=180, dispositif="expedition-apprenante")
    session(eig, debut=paris(2026, 11, 19, 17), minutes=90, dispositif="conference")
    session(eig, debut=paris(2026, 11, 12, 9), minutes=240, dispositif="atelier-collaboratif")
    session(eig, debut=paris(2026, 11, 20, 9), minutes=240, dispositif="atelier-collaboratif",
            statut=Session.Statut.ANNULEE)
    session(eig, Inscription.Statut.ATTENTE, debut=paris(2026, 11, 25, 14), dispositif="conference")
    for jour in (3, 10, 17, 24):
        seance(eig, coach, paris(2026, 11, jour, 17), minutes=45)

    lignes = {ligne.famille: ligne for ligne in repartition_du_temps(evenements_de(eig, *NOVEMBRE), *NOVEMBRE)}

    assert {f: (ligne.nombre, ligne.minutes) for f, ligne in lignes.items()} == {
        "defi": (1, 240), "porteurs": (0, 0), "individuel": (4, 180), "promotion": (2, 270),
    }
    assert lignes["promotion"].heures == "4 h 30"
    assert lignes["defi"].part == round(100 * 240 / 690, 1)


def test_repartition_compte_une_session_de_deux_jours_huit_heures_par_jour():
    """A two-day séminaire (9 h the first day to 17 h the next) counts 16 h, not the 32 h between its ends."""
    eig = EIGFactory()
    session(eig, debut=paris(2026, 11, 5, 9), minutes=32 * 60, dispositif="seminaire-integration")

    (ligne,) = [ligne for ligne in repartition_du_temps(evenements_de(eig, *NOVEMBRE), *NOVEMBRE) if ligne.nombre]

    assert (ligne.famille, ligne.minutes, ligne.heures) == ("promotion", 16 * 60, "16 h")


def test_repartition_coupe_ce_qui_deborde_du_mois():
    """An event from the evening of 30 November to the next morning counts only its November part."""
    eig = EIGFactory()
    session(eig, debut=paris(2026, 11, 30, 22), minutes=180)

    lignes = repartition_du_temps(evenements_de(eig, *NOVEMBRE), *NOVEMBRE)

    assert sum(ligne.minutes for ligne in lignes) == 120


def test_grille_du_mois_reproduit_le_cas_maximal_des_seeds():
    """March 2022, the « cas maximal » of the promotion 5 deck: Monday to Friday, from Monday 28 February
    to Friday 1 April, each session on its day, the neighbouring months' days marked as such."""
    eig, coach = EIGFactory(), CoachFactory()
    session(eig, debut=paris(2022, 3, 3, 9), minutes=180, titre="Expédition apprenante")
    session(eig, debut=paris(2022, 3, 9, 14, 30), titre="Partage pluridisciplinaire")
    session(eig, debut=paris(2022, 3, 17, 17), titre="Atelier-conférence")
    session(eig, debut=paris(2022, 3, 23, 14, 30), titre="Partage entre pairs")
    session(eig, debut=paris(2022, 3, 28, 14), titre="Mentorat collectif")
    for jour in (8, 15, 22, 29):
        seance(eig, coach, paris(2022, 3, jour, 17))

    mois = agenda_du_mois(eig, datetime.date(2022, 3, 17), aujourdhui=datetime.date(2022, 3, 9))

    assert mois.mois == datetime.date(2022, 3, 1)
    assert (mois.precedent, mois.suivant) == (datetime.date(2022, 2, 1), datetime.date(2022, 4, 1))
    assert [[jour.date.day for jour in semaine] for semaine in mois.semaines] == [
        [28, 1, 2, 3, 4], [7, 8, 9, 10, 11], [14, 15, 16, 17, 18], [21, 22, 23, 24, 25], [28, 29, 30, 31, 1],
    ]
    assert [j.dans_le_mois for j in mois.semaines[0]] == [False, True, True, True, True]
    assert [j.dans_le_mois for j in mois.semaines[-1]] == [True, True, True, True, False]
    contenu = {
        jour.date.day: [f"{e.debut_local:%H:%M} {e.titre}" for e in jour.evenements]
        for semaine in mois.semaines for jour in semaine if jour.evenements
    }
    assert contenu == {
        3: ["09:00 Expédition apprenante"], 9: ["14:30 Partage pluridisciplinaire"],
        17: ["17:00 Atelier-conférence"], 23: ["14:30 Partage entre pairs"], 28: ["14:00 Mentorat collectif"],
        **{jour: [f"17:00 Mentorat individuel avec {coach.nom_complet}"] for jour in (8, 15, 22, 29)},
    }
    assert mois.semaines[1][2].aujourdhui
    assert mois.total_nombre == 9


def test_grille_montre_le_week_end_quand_il_sy_passe_quelque_chose():
    """A Saturday session adds Saturday and Sunday to the grid; a multi-day event shows on each of its days."""
    eig = EIGFactory()
    session(eig, debut=paris(2026, 11, 13, 9), minutes=32 * 60, titre="Séminaire du week-end")

    mois = agenda_du_mois(eig, datetime.date(2026, 11, 1))

    assert mois.jours_semaine == list(range(7))
    assert mois.semaines[0][6].date == datetime.date(2026, 11, 1)
    jours = [jour.date.day for semaine in mois.semaines for jour in semaine if jour.evenements]
    assert jours == [13, 14]


def test_l_agenda_part_des_lignes_de_la_personne_et_non_des_sessions_du_pays():
    """A busy agenda's time follows that person's sessions: each query of the agenda starts from the person's own
    rows (answers, facilitations, mentorat), never from every session of the period; a session she is registered
    to and facilitates appears once, as facilitated."""
    eig = EIGFactory()
    inscrite = session(eig, debut=paris(2026, 11, 3, 9))
    double = session(eig, debut=paris(2026, 11, 5, 9), facilitateurs=[eig])
    for jour in range(2, 28):
        session(EIGFactory(), debut=paris(2026, 11, jour, 10))
    with CaptureQueriesContext(connection) as requetes:
        evenements = evenements_de(eig, *NOVEMBRE)
    tables = [re.search(r' FROM "(\w+)"', q["sql"]).group(1) for q in requetes.captured_queries]
    assert tables == ["accompagnement_inscription", "accompagnement_session_facilitateurs",
                      "accompagnement_reservation"]
    assert all(str(eig.pk) in q["sql"] for q in requetes.captured_queries)
    assert [(e.uid, e.anime) for e in evenements] == [(f"session-{inscrite.uid}@magellan", False),
                                                       (f"session-{double.uid}@magellan", True)]
