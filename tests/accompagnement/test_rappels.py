"""The accompagnement's recurring reminders: the carnet de bord on the 20th, sessions in the next 24 hours, the
monthly summary of heures d'accélération — who gets what, when, and never twice."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from accompagnement.factories import (
    CarnetDeBordFactory,
    HeureAccelerationFactory,
    InscriptionFactory,
    SessionFactory,
)
from accompagnement.models import Inscription, Session
from accompagnement.services.rappels import rappel_carnet, rappels_sessions, resume_heures
from accompagnement.tasks import rappels as taches
from defis.factories import DefiFactory
from evaluations.factories import ComiteFactory
from evaluations.models import Comite
from programme.factories import (
    CoachFactory,
    EIGFactory,
    ParrainFactory,
    PersonneFactory,
    PromotionFactory,
    RoleFactory,
)
from programme.models import Notification, RefusNotification, Role

PARIS = ZoneInfo("Europe/Paris")


def paris(annee, mois, jour, heure=9, minute=0):
    return datetime.datetime(annee, mois, jour, heure, minute, tzinfo=PARIS)


def lancer(capture, service, maintenant=None):
    mail.outbox.clear()
    with capture(execute=True):
        service(maintenant=maintenant)
    return list(mail.outbox)


def adresses(messages):
    return sorted(adresse for message in messages for adresse in message.to)


@pytest.fixture
def promotion(db):
    """A promotion running from March to December 2026."""
    return PromotionFactory(date_debut=datetime.date(2026, 3, 1))


# Carnet de bord


def test_rappel_carnet_aux_eig_actifs_sans_entree_du_mois(promotion, django_capture_on_commit_callbacks):
    """On 20 November, the EIG of a running promotion without a November entry are reminded — even with an
    October one — but not the one who wrote it, an inactive EIG, nor an EIG of a finished promotion."""
    sans_entree = EIGFactory(promotion=promotion)
    avec_octobre = EIGFactory(promotion=promotion)
    CarnetDeBordFactory(eig=avec_octobre, mois=datetime.date(2026, 10, 1))
    a_jour = EIGFactory(promotion=promotion)
    CarnetDeBordFactory(eig=a_jour, mois=datetime.date(2026, 11, 1))
    EIGFactory(promotion=promotion, is_active=False)
    EIGFactory(promotion=PromotionFactory(date_debut=datetime.date(2025, 1, 1)))
    messages = lancer(django_capture_on_commit_callbacks, rappel_carnet, paris(2026, 11, 20))
    assert adresses(messages) == sorted([sans_entree.email, avec_octobre.email])
    message = next(m for m in messages if m.to == [sans_entree.email])
    assert message.subject == "[Magellan] Votre carnet de bord de novembre 2026 vous attend"
    assert "http://testserver/carnet-de-bord/ecrire/" in message.body
    assert 'href="http://testserver/carnet-de-bord/ecrire/"' in message.alternatives[0][0]
    assert "Choisir les rappels que je reçois : http://testserver/comptes/notifications/" in message.body
    assert Notification.objects.filter(cle=f"carnet:rappel:2026-11:{sans_entree.pk}").exists()


def test_rappel_carnet_une_fois_par_mois_et_pas_a_qui_l_a_refuse(promotion, django_capture_on_commit_callbacks):
    """Run twice the same month, the reminder leaves once; the next month it leaves again; an EIG who declined
    carnet reminders receives none."""
    eig = EIGFactory(promotion=promotion)
    refus = EIGFactory(promotion=promotion)
    RefusNotification.objects.create(personne=refus, categorie=Notification.Categorie.RAPPEL_CARNET)
    assert adresses(lancer(django_capture_on_commit_callbacks, rappel_carnet, paris(2026, 10, 20))) == [eig.email]
    assert lancer(django_capture_on_commit_callbacks, rappel_carnet, paris(2026, 10, 20, 10)) == []
    assert adresses(lancer(django_capture_on_commit_callbacks, rappel_carnet, paris(2026, 11, 20))) == [eig.email]


# Sessions


@pytest.fixture
def session(promotion):
    """A conférence on Sunday 25 October 2026 (the day the clocks go back) at 10:00 in Paris, led by a coach,
    with one registered person, one on the waiting list and one who declined."""
    animatrice = CoachFactory(promotion=promotion)
    session = SessionFactory(promotion=promotion, debut=paris(2026, 10, 25, 10), fin=paris(2026, 10, 25, 11, 30),
                             facilitateurs=[animatrice], titre="Conférence : l'accessibilité numérique")
    inscrite = InscriptionFactory(session=session).personne
    InscriptionFactory(session=session, statut=Inscription.Statut.ATTENTE)
    InscriptionFactory(session=session, statut=Inscription.Statut.DECLINEE)
    return {"session": session, "animatrice": animatrice, "inscrite": inscrite}


def test_session_rappelee_dans_les_24_heures_aux_inscrits_et_facilitateurs(
    session, django_capture_on_commit_callbacks
):
    """26 hours before, nobody is reminded; 16 hours before, the registered person and the facilitator are
    (not the waiting list, not who declined), with the time in Paris and the session's page."""
    assert lancer(django_capture_on_commit_callbacks, rappels_sessions, paris(2026, 10, 24, 8)) == []
    messages = lancer(django_capture_on_commit_callbacks, rappels_sessions, paris(2026, 10, 24, 18))
    assert adresses(messages) == sorted([session["inscrite"].email, session["animatrice"].email])
    message = next(m for m in messages if m.to == [session["inscrite"].email])
    assert message.subject == "[Magellan] Rappel : « Conférence : l'accessibilité numérique » demain à 10 h 00"
    assert "le dimanche 25 octobre 2026, de 10 h 00 à 11 h 30" in message.body
    assert f"http://testserver/sessions/{session['session'].pk}/" in message.body
    assert "désistez-vous" in message.body
    animatrice = next(m for m in messages if m.to == [session["animatrice"].email])
    assert "Vous animez la session" in animatrice.body


def test_session_24_heures_reelles_au_passage_a_l_heure_d_hiver(promotion, django_capture_on_commit_callbacks):
    """Across the night the clocks go back, 24 hours are real hours: a session on 25 October at 17:30 is not yet
    reminded on the 24th at 18:00 (24 h 30 before), and is at 19:00 (23 h 30 before)."""
    inscrite = InscriptionFactory(
        session=SessionFactory(promotion=promotion, debut=paris(2026, 10, 25, 17, 30), fin=paris(2026, 10, 25, 19))
    ).personne
    assert lancer(django_capture_on_commit_callbacks, rappels_sessions, paris(2026, 10, 24, 18)) == []
    assert adresses(lancer(django_capture_on_commit_callbacks, rappels_sessions, paris(2026, 10, 24, 19))) == [
        inscrite.email
    ]


def test_session_rappelee_une_fois_puis_de_nouveau_si_elle_est_deplacee(session, django_capture_on_commit_callbacks):
    """Hourly runs remind a session once; moved to another time, it is reminded again."""
    assert len(lancer(django_capture_on_commit_callbacks, rappels_sessions, paris(2026, 10, 24, 18))) == 2
    assert lancer(django_capture_on_commit_callbacks, rappels_sessions, paris(2026, 10, 24, 19)) == []
    Session.objects.filter(pk=session["session"].pk).update(
        debut=paris(2026, 10, 25, 14), fin=paris(2026, 10, 25, 15, 30)
    )
    messages = lancer(django_capture_on_commit_callbacks, rappels_sessions, paris(2026, 10, 24, 20))
    assert adresses(messages) == sorted([session["inscrite"].email, session["animatrice"].email])
    assert "demain à 14 h 00" in messages[0].subject


def test_sessions_annulees_brouillons_et_comites_non_rappelees(session, django_capture_on_commit_callbacks):
    """A cancelled session, a draft and a comité's session (reminded by the comité reminders) send nothing; a
    person who declined session reminders receives none."""
    autres = [
        SessionFactory(promotion=session["session"].promotion, debut=paris(2026, 10, 25, 9),
                       fin=paris(2026, 10, 25, 10), **champs)
        for champs in ({"statut": Session.Statut.ANNULEE, "motif_annulation": "Intervenante malade."},
                       {"statut": Session.Statut.BROUILLON}, {"dispositif": "comite-evaluation"})
    ]
    for autre in autres:
        InscriptionFactory(session=autre)
    comite = ComiteFactory(defi=DefiFactory(promotion=session["session"].promotion))
    Comite.objects.filter(pk=comite.pk).update(session=autres[-1])
    RefusNotification.objects.create(personne=session["animatrice"], categorie=Notification.Categorie.RAPPEL_SESSION)
    messages = lancer(django_capture_on_commit_callbacks, rappels_sessions, paris(2026, 10, 24, 18))
    assert adresses(messages) == [session["inscrite"].email]


def test_un_creneau_de_comite_sans_comite_est_rappele_comme_une_session(session, django_capture_on_commit_callbacks):
    """A comité slot published in the agenda before its comité exists is reminded like any session: no comité
    reminder covers it."""
    creneau = SessionFactory(promotion=session["session"].promotion, debut=paris(2026, 10, 25, 9),
                             fin=paris(2026, 10, 25, 10), dispositif="comite-evaluation")
    inscrite = InscriptionFactory(session=creneau).personne
    messages = lancer(django_capture_on_commit_callbacks, rappels_sessions, paris(2026, 10, 24, 18))
    assert inscrite.email in adresses(messages)
    assert f"http://testserver/sessions/{creneau.pk}/" in next(m.body for m in messages if m.to == [inscrite.email])


def test_rappels_sessions_en_requetes_constantes(promotion, django_assert_max_num_queries):
    """Reminding many sessions and their people reads and writes a bounded number of queries."""
    for heure in range(8, 18):
        nouvelle = SessionFactory(promotion=promotion, debut=paris(2026, 10, 25, heure),
                                  fin=paris(2026, 10, 25, heure, 45), facilitateurs=[PersonneFactory()])
        InscriptionFactory.create_batch(3, session=nouvelle)
    with django_assert_max_num_queries(10):
        assert rappels_sessions(maintenant=paris(2026, 10, 24, 18)) == 40


# Heures d'accélération


@pytest.fixture
def heures(promotion):
    """October 2026: a marraine gave 1 h to one défi and 1 h 30 to another (and 2 h in September, not
    counted); a parrain gave nothing; a coach of the promotion, a coach of the whole programme."""
    defis = [DefiFactory(promotion=promotion, titre=titre) for titre in ("Hospi'Flux", "Data Justice")]
    marraine = ParrainFactory(promotion=promotion, prenom="Inès")
    parrain = ParrainFactory(promotion=promotion, prenom="Paul")
    for defi, jour, minutes in ((defis[0], 5, 60), (defis[1], 12, 45), (defis[1], 20, 45), (defis[0], 30, 0)):
        if minutes:
            HeureAccelerationFactory(parrain=marraine, defi=defi, date=datetime.date(2026, 10, jour),
                                     duree_minutes=minutes)
    HeureAccelerationFactory(parrain=marraine, defi=defis[0], date=datetime.date(2026, 9, 30), duree_minutes=120)
    coach = CoachFactory(promotion=promotion)
    coach_programme = PersonneFactory()
    RoleFactory(personne=coach_programme, promotion=None, type=Role.Type.COACH)
    return {"marraine": marraine, "parrain": parrain, "coach": coach, "coach_programme": coach_programme}


def test_resume_heures_a_chaque_parrain_avec_ses_heures_par_defi_et_le_plafond(
    heures, django_capture_on_commit_callbacks
):
    """On 1 November, the marraine receives her October hours per défi against the 5 h cap, with a link to
    that month; the parrain without hours is told he logged none."""
    messages = lancer(django_capture_on_commit_callbacks, resume_heures, paris(2026, 11, 1, 8))
    marraine = next(m for m in messages if m.to == [heures["marraine"].email])
    assert marraine.subject == "[Magellan] Vos heures d'accélération d'octobre 2026"
    assert "2 h 30 sur un plafond de 5 h par mois" in marraine.body
    assert "- Data Justice : 1 h 30" in marraine.body and "- Hospi'Flux : 1 h" in marraine.body
    assert "http://testserver/heures/?mois=2026-10" in marraine.body
    parrain = next(m for m in messages if m.to == [heures["parrain"].email])
    assert "Vous n'avez saisi aucune heure d'accélération en octobre 2026" in parrain.body
    assert "0 h sur un plafond de 5 h" in parrain.body


def test_resume_heures_aux_coachs_par_parrain_et_par_defi(heures, django_capture_on_commit_callbacks):
    """The coach of the promotion and the coach of the whole programme receive the October summary per parrain
    and per défi, with a link to the coaches' follow-up of that month."""
    messages = lancer(django_capture_on_commit_callbacks, resume_heures, paris(2026, 11, 1, 8))
    assert adresses(messages) == sorted(heures[p].email for p in ("marraine", "parrain", "coach", "coach_programme"))
    coach = next(m for m in messages if m.to == [heures["coach"].email])
    assert coach.subject == "[Magellan] Heures d'accélération d'octobre 2026 : le récapitulatif"
    assert f"- {heures['marraine'].nom_complet} : 2 h 30 sur 5 h, 2 défis aidés" in coach.body
    assert f"- {heures['parrain'].nom_complet} : 0 h sur 5 h, aucun défi aidé" in coach.body
    assert "- Data Justice : 1 h 30, 1 parrain ou marraine" in coach.body
    assert "/heures/suivi/?promotion=" in coach.body and "mois=2026-10" in coach.body


def test_resume_heures_une_fois_par_mois_et_pas_a_qui_l_a_refuse(heures, django_capture_on_commit_callbacks):
    """Run twice on the 1st, the summaries leave once; a coach who declined them receives none."""
    RefusNotification.objects.create(personne=heures["coach"], categorie=Notification.Categorie.RESUME_HEURES)
    assert len(lancer(django_capture_on_commit_callbacks, resume_heures, paris(2026, 11, 1, 8))) == 3
    assert lancer(django_capture_on_commit_callbacks, resume_heures, paris(2026, 11, 1, 9)) == []
    assert set(Notification.objects.values_list("cle", flat=True)) == {
        f"heures:resume:2026-10:parrain:{heures['marraine'].pk}",
        f"heures:resume:2026-10:parrain:{heures['parrain'].pk}",
        f"heures:resume:2026-10:coach:{heures['coach_programme'].pk}",
    }


def test_resume_heures_rien_sans_promotion_en_cours_ce_mois_la(heures, django_capture_on_commit_callbacks):
    """After the promotion's end (December 2026), the summary of January 2027 goes to nobody."""
    assert lancer(django_capture_on_commit_callbacks, resume_heures, paris(2027, 2, 1, 8)) == []


# The Celery tasks themselves


def test_taches_celery_lancees_deux_fois_envoient_chaque_courriel_une_fois(db, django_capture_on_commit_callbacks):
    """Run twice now, each task (carnet, sessions, heures) sends its e-mails once: the EIG is reminded of the
    carnet and of the session in two hours, the parrain gets last month's summary."""
    promotion = PromotionFactory()
    eig = EIGFactory(promotion=promotion)
    parrain = ParrainFactory(promotion=promotion)
    debut = timezone.now() + datetime.timedelta(hours=2)
    InscriptionFactory(session=SessionFactory(promotion=promotion, debut=debut), personne=eig)
    envoyes = []
    for _ in range(2):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            for tache in (taches.rappel_carnet, taches.rappels_sessions, taches.resume_heures):
                tache.delay()
        envoyes.append(sorted((m.to[0], m.subject.split(" ")[1]) for m in mail.outbox))
    assert envoyes == [sorted([(eig.email, "Votre"), (eig.email, "Rappel"), (parrain.email, "Vos")]), []]


def test_rappel_carnet_d_octobre_elide_le_mois(promotion, django_capture_on_commit_callbacks):
    """On 20 October the reminder speaks of the carnet « d'octobre », in its subject, its text and its button,
    never « de octobre »."""
    EIGFactory(promotion=promotion)
    message, = lancer(django_capture_on_commit_callbacks, rappel_carnet, paris(2026, 10, 20))
    assert message.subject == "[Magellan] Votre carnet de bord d'octobre 2026 vous attend"
    assert "Votre carnet de bord d'octobre 2026 n'est pas encore écrit." in message.body
    assert "Écrire l'entrée d'octobre 2026" in message.body
    assert "<strong>d&#x27;octobre 2026</strong>" in message.alternatives[0][0]
    assert "de octobre" not in message.body + message.alternatives[0][0]


def test_resume_heures_d_avril_elide_le_mois(heures, django_capture_on_commit_callbacks):
    """On 1 May, the summaries are those « d'avril », in the subject and the text."""
    messages = lancer(django_capture_on_commit_callbacks, resume_heures, paris(2026, 5, 1, 8))
    coach = next(m for m in messages if m.to == [heures["coach"].email])
    assert coach.subject == "[Magellan] Heures d'accélération d'avril 2026 : le récapitulatif"
    assert "Voici le récapitulatif des heures d'accélération d'avril 2026." in coach.body
