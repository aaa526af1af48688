"""Sessions, the writes: registrations within the capacity, the waiting list, cancellations and changes that
reach every registered person once, the iCalendar SEQUENCE, publication, drafts, attendance."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.template.defaultfilters import date as format_date
from django.utils import timezone

from accompagnement.factories import InscriptionFactory, SessionFactory, dispositif
from accompagnement.models import Inscription, Session
from accompagnement.services import sessions as services
from programme.factories import CoachFactory, EIGFactory, PromotionFactory

pytestmark = pytest.mark.django_db

INSCRITE, ATTENTE, DECLINEE = Inscription.Statut.INSCRITE, Inscription.Statut.ATTENTE, Inscription.Statut.DECLINEE


@pytest.fixture
def promotion():
    return PromotionFactory()


@pytest.fixture
def eig(promotion):
    """Five EIG of the promotion, invited to its sessions."""
    return [EIGFactory(promotion=promotion) for _ in range(5)]


def _statuts(session):
    return {i.personne_id: i.statut for i in session.inscriptions.all()}


def test_session_inscrire_donne_une_place_puis_la_liste_d_attente(promotion, eig):
    """With two seats, the first two invited people are registered and the third waits."""
    session = SessionFactory(promotion=promotion, capacite=2)
    reponses = [services.session_inscrire(session, personne).statut for personne in eig[:3]]
    assert reponses == [INSCRITE, INSCRITE, ATTENTE]


def test_session_inscrire_sans_capacite_n_a_pas_de_liste_d_attente(promotion, eig):
    """A session without a capacity registers everyone."""
    session = SessionFactory(promotion=promotion, capacite=None)
    assert {services.session_inscrire(session, p).statut for p in eig} == {INSCRITE}


def test_session_inscrire_deux_fois_ne_change_rien(promotion, eig):
    """Registering again keeps the single registration (and its place in the waiting list)."""
    session = SessionFactory(promotion=promotion, capacite=1)
    services.session_inscrire(session, eig[0])
    attente = services.session_inscrire(session, eig[1])
    assert services.session_inscrire(session, eig[1]).pk == attente.pk
    assert session.inscriptions.count() == 2


def test_session_inscrire_refuse_une_personne_non_invitee(promotion, eig):
    """An EIG of another promotion cannot register to this promotion's session."""
    session = SessionFactory(promotion=promotion)
    etrangere = EIGFactory()
    with pytest.raises(ValidationError, match="pas invitée"):
        services.session_inscrire(session, etrangere)
    assert not session.inscriptions.exists()


@pytest.mark.parametrize("champs,message", [
    ({"statut": Session.Statut.BROUILLON}, "pas encore publiée"),
    ({"statut": Session.Statut.ANNULEE, "motif_annulation": "Grève"}, "annulée"),
    ({"debut": timezone.now() - datetime.timedelta(hours=1), "fin": timezone.now() + datetime.timedelta(hours=1)},
     "déjà commencé"),
])
def test_session_inscrire_refuse_un_brouillon_une_annulation_ou_une_session_commencee(promotion, eig, champs, message):
    """Nobody registers to a draft, a cancelled session or a session that has started."""
    session = SessionFactory(promotion=promotion, **champs)
    with pytest.raises(ValidationError, match=message):
        services.session_inscrire(session, eig[0])


def test_desistement_donne_la_place_au_premier_en_attente_et_le_previent(
        promotion, eig, django_capture_on_commit_callbacks):
    """When a registered person withdraws, the first on the waiting list gets the seat and an e-mail."""
    session = SessionFactory(promotion=promotion, capacite=1, titre="Conférence sur l'ouverture des données")
    for personne in eig[:3]:
        services.session_inscrire(session, personne)
    with django_capture_on_commit_callbacks(execute=True):
        services.session_decliner(session, eig[0])
    assert _statuts(session) == {eig[0].pk: DECLINEE, eig[1].pk: INSCRITE, eig[2].pk: ATTENTE}
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [eig[1].email]
    assert "votre inscription à « Conférence sur l'ouverture des données » est confirmée" in message.subject
    assert f"http://testserver/sessions/{session.pk}/" in message.body
    assert "&#x27;" not in message.body
    assert message.alternatives[0][1] == "text/html"
    assert f"http://testserver/sessions/{session.pk}/" in message.alternatives[0][0]


def test_quitter_la_liste_d_attente_ne_promeut_personne(promotion, eig, django_capture_on_commit_callbacks):
    """Withdrawing from the waiting list frees no seat: nobody else moves, nobody is e-mailed."""
    session = SessionFactory(promotion=promotion, capacite=1)
    for personne in eig[:3]:
        services.session_inscrire(session, personne)
    with django_capture_on_commit_callbacks(execute=True):
        services.session_decliner(session, eig[1])
    assert _statuts(session) == {eig[0].pk: INSCRITE, eig[1].pk: DECLINEE, eig[2].pk: ATTENTE}
    assert mail.outbox == []


def test_decliner_sans_avoir_repondu_enregistre_le_refus(promotion, eig):
    """An invited person who declines straight away is recorded as having declined."""
    session = SessionFactory(promotion=promotion)
    assert services.session_decliner(session, eig[0]).statut == DECLINEE


def test_se_reinscrire_apres_un_desistement_remet_en_fin_de_liste(promotion, eig):
    """Someone who withdrew and registers again goes behind the people already waiting."""
    session = SessionFactory(promotion=promotion, capacite=1)
    for personne in eig[:2]:
        services.session_inscrire(session, personne)
    services.session_decliner(session, eig[0])
    assert services.session_inscrire(session, eig[0]).statut == ATTENTE


def test_annulation_previent_chaque_inscrit_et_chaque_attente_une_seule_fois(
        promotion, eig, django_capture_on_commit_callbacks):
    """Cancelling e-mails each registered or waiting person exactly once, with the reason and the link;
    those who declined are not written to; the SEQUENCE goes up."""
    session = SessionFactory(promotion=promotion, capacite=2, titre="Expédition à la Cité des sciences")
    for personne in eig[:3]:
        services.session_inscrire(session, personne)
    services.session_decliner(session, eig[3])
    with django_capture_on_commit_callbacks(execute=True):
        services.session_annuler(session, motif="L'intervenante est malade ; la visite sera reprogrammée.")
    session.refresh_from_db()
    assert session.statut == Session.Statut.ANNULEE and session.sequence == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in eig[:3])
    for message in mail.outbox:
        assert message.subject == "[Magellan] Session annulée : Expédition à la Cité des sciences"
        assert "L'intervenante est malade ; la visite sera reprogrammée." in message.body
        assert f"http://testserver/sessions/{session.pk}/" in message.body
        assert "est <strong>annulée</strong>" in message.alternatives[0][0]
    with pytest.raises(ValidationError, match="déjà annulée"):
        services.session_annuler(session, motif="Encore")
    assert len(mail.outbox) == 3


def test_annulation_exige_un_motif(promotion):
    """A cancellation without a reason is refused and the session stays published."""
    session = SessionFactory(promotion=promotion)
    with pytest.raises(ValidationError, match="motif"):
        services.session_annuler(session, motif="  ")
    session.refresh_from_db()
    assert session.statut == Session.Statut.PUBLIEE


def test_modifier_l_horaire_previent_les_inscrits_et_incremente_sequence(
        promotion, eig, django_capture_on_commit_callbacks):
    """A new time reaches every registered or waiting person once, old and new time in the e-mail."""
    session = SessionFactory(promotion=promotion, capacite=1)
    services.session_inscrire(session, eig[0])
    services.session_inscrire(session, eig[1])
    nouveau_debut = timezone.make_aware(datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=14), datetime.time(14, 0)))
    with django_capture_on_commit_callbacks(execute=True):
        services.session_modifier(session, debut=nouveau_debut, fin=nouveau_debut + datetime.timedelta(hours=2))
    session.refresh_from_db()
    assert session.sequence == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([eig[0].email, eig[1].email])
    corps = mail.outbox[0].body
    assert "Début : " in corps and "14 h 00" in corps and "(au lieu du " in corps and "17 h 00" in corps
    assert "&#x27;" not in corps


def test_modifier_le_lieu_incremente_sequence_a_chaque_fois(promotion, eig, django_capture_on_commit_callbacks):
    """Each change of place raises the SEQUENCE again and sends a new e-mail."""
    session = SessionFactory(promotion=promotion)
    services.session_inscrire(session, eig[0])
    with django_capture_on_commit_callbacks(execute=True):
        services.session_modifier(session, lieu="Ségur, salle 1")
        services.session_modifier(session, lieu="Ségur, salle 2")
    session.refresh_from_db()
    assert session.sequence == 2
    assert len(mail.outbox) == 2 and "Ségur, salle 2" in mail.outbox[1].body


def test_modifier_la_description_ne_previent_personne(promotion, eig, django_capture_on_commit_callbacks):
    """A new description neither moves the event in calendars nor e-mails anybody."""
    session = SessionFactory(promotion=promotion)
    services.session_inscrire(session, eig[0])
    with django_capture_on_commit_callbacks(execute=True):
        services.session_modifier(session, description="Avec une démonstration.")
    session.refresh_from_db()
    assert session.sequence == 0 and session.description == "Avec une démonstration."
    assert mail.outbox == []


def test_modifier_un_brouillon_n_envoie_rien(promotion, django_capture_on_commit_callbacks):
    """A draft has nobody registered to tell: no e-mail."""
    session = SessionFactory(promotion=promotion, statut=Session.Statut.BROUILLON)
    with django_capture_on_commit_callbacks(execute=True):
        services.session_modifier(session, lieu="Ailleurs")
    assert mail.outbox == []


def test_modifier_une_session_annulee_est_refuse(promotion):
    """A cancelled session is history: it cannot be changed."""
    session = SessionFactory(promotion=promotion, statut=Session.Statut.ANNULEE, motif_annulation="Grève")
    with pytest.raises(ValidationError, match="annulée"):
        services.session_modifier(session, lieu="Ailleurs")


def test_augmenter_la_capacite_fait_entrer_la_liste_d_attente(promotion, eig, django_capture_on_commit_callbacks):
    """Two more seats let the first two waiting people in, and they are told."""
    session = SessionFactory(promotion=promotion, capacite=1)
    for personne in eig[:4]:
        services.session_inscrire(session, personne)
    with django_capture_on_commit_callbacks(execute=True):
        services.session_modifier(session, capacite=3)
    assert _statuts(session) == {eig[0].pk: INSCRITE, eig[1].pk: INSCRITE, eig[2].pk: INSCRITE,
                                 eig[3].pk: ATTENTE}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([eig[1].email, eig[2].email])


def test_plus_de_places_et_un_nouvel_horaire_font_un_seul_e_mail_par_personne(
        promotion, eig, django_capture_on_commit_callbacks):
    """When one change moves the session and lets people in, each person gets one e-mail: the one leaving the
    waiting list reads the new time in « place libérée », the others in « session modifiée »."""
    session = SessionFactory(promotion=promotion, capacite=1)
    for personne in eig[:3]:
        services.session_inscrire(session, personne)
    nouveau_debut = session.debut + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.session_modifier(session, capacite=2, debut=nouveau_debut,
                                  fin=nouveau_debut + datetime.timedelta(hours=2))
    destinataires = sorted((m.to[0], m.subject.split(" :")[0]) for m in mail.outbox)
    assert destinataires == sorted([(eig[0].email, "[Magellan] Session modifiée"),
                                    (eig[1].email, "[Magellan] Une place s'est libérée"),
                                    (eig[2].email, "[Magellan] Session modifiée")])
    place = next(m for m in mail.outbox if m.to == [eig[1].email])
    assert format_date(timezone.localtime(nouveau_debut), "l j F Y") in place.body


def test_reduire_la_capacite_sous_le_nombre_d_inscrits_est_refuse(promotion, eig):
    """A capacity below the number of registered people is refused with the number to reach."""
    session = SessionFactory(promotion=promotion, capacite=3)
    for personne in eig[:3]:
        services.session_inscrire(session, personne)
    with pytest.raises(ValidationError) as erreur:
        services.session_modifier(session, capacite=2)
    assert erreur.value.message_dict == {"capacite": ["3 personnes sont déjà inscrites : prévoyez au moins 3 places."]}


def test_session_creer_rattache_la_phase_et_reste_en_brouillon(promotion):
    """A new session is a draft unless published, and belongs to the phase of its start."""
    from accompagnement.factories import dispositif

    phase = promotion.phases.get(numero=3)
    debut = timezone.make_aware(datetime.datetime.combine(phase.date_debut + datetime.timedelta(days=10),
                                                          datetime.time(17, 0)))
    session = services.session_creer(promotion=promotion, dispositif=dispositif("conference"), titre="Conférence",
                                     debut=debut, fin=debut + datetime.timedelta(minutes=90))
    assert session.statut == Session.Statut.BROUILLON and session.phase == phase
    publiee = services.session_creer(promotion=promotion, dispositif=dispositif("conference"), titre="Autre",
                                     debut=debut, fin=debut + datetime.timedelta(minutes=90), publier=True)
    assert publiee.statut == Session.Statut.PUBLIEE


def test_publier_et_supprimer_ne_valent_que_pour_un_brouillon(promotion):
    """A draft is published or deleted; a published session can be neither."""
    brouillon = SessionFactory(promotion=promotion, statut=Session.Statut.BROUILLON)
    services.session_publier(brouillon)
    brouillon.refresh_from_db()
    assert brouillon.statut == Session.Statut.PUBLIEE
    with pytest.raises(ValidationError):
        services.session_publier(brouillon)
    with pytest.raises(ValidationError, match="annulez"):
        services.session_supprimer(brouillon)
    autre = SessionFactory(promotion=promotion, statut=Session.Statut.BROUILLON)
    services.session_supprimer(autre)
    assert not Session.objects.filter(pk=autre.pk).exists()


def test_calendrier_publier_publie_les_brouillons_de_la_promotion_seulement(promotion):
    """Publishing the calendar publishes every draft of this promotion, and nothing elsewhere."""
    SessionFactory.create_batch(3, promotion=promotion, statut=Session.Statut.BROUILLON)
    annulee = SessionFactory(promotion=promotion, statut=Session.Statut.ANNULEE, motif_annulation="Grève")
    ailleurs = SessionFactory(statut=Session.Statut.BROUILLON)
    assert services.calendrier_publier(promotion) == 3
    assert set(promotion.sessions.values_list("statut", flat=True)) == {Session.Statut.PUBLIEE,
                                                                         Session.Statut.ANNULEE}
    annulee.refresh_from_db()
    ailleurs.refresh_from_db()
    assert annulee.statut == Session.Statut.ANNULEE and ailleurs.statut == Session.Statut.BROUILLON


def test_presences_marquer_note_presents_et_absents(promotion, eig):
    """The attendance sheet marks the checked registered people present and the others absent."""
    session = SessionFactory(promotion=promotion)
    for personne in eig[:3]:
        InscriptionFactory(session=session, personne=personne)
    InscriptionFactory(session=session, personne=eig[3], statut=DECLINEE)
    assert services.presences_marquer(session, [eig[0], eig[2]]) == 2
    presences = dict(session.inscriptions.values_list("personne_id", "present"))
    assert presences == {eig[0].pk: True, eig[1].pk: False, eig[2].pk: True, eig[3].pk: None}


def test_publier_le_calendrier_laisse_une_version_par_session_au_journal(promotion):
    """Publishing the calendar in bulk still writes, for each session, a version « Publiée » by the coach."""
    coach = CoachFactory(promotion=promotion)
    brouillons = SessionFactory.create_batch(3, promotion=promotion, statut=Session.Statut.BROUILLON)
    services.calendrier_publier(promotion, par=coach)
    for session in brouillons:
        derniere = session.history.latest()
        assert derniere.statut == Session.Statut.PUBLIEE and derniere.history_user == coach


def test_session_inscrire_refuse_son_animatrice_sans_lui_compter_de_place(promotion, eig):
    """A session's facilitator invited by its audience is refused a seat, and the seats all go to the others."""
    animatrice = eig[0]
    session = SessionFactory(promotion=promotion, capacite=2, facilitateurs=[animatrice])
    with pytest.raises(ValidationError, match="Vous animez cette session"):
        services.session_inscrire(session, animatrice)
    assert [services.session_inscrire(session, p).statut for p in eig[1:4]] == [INSCRITE, INSCRITE, ATTENTE]


def test_devenir_animatrice_libere_sa_place_pour_la_liste_d_attente(promotion, eig):
    """A registered person made a facilitator loses her answer; her seat goes to the first person waiting."""
    session = SessionFactory(promotion=promotion, capacite=1)
    services.session_inscrire(session, eig[0])
    services.session_inscrire(session, eig[1])
    services.session_modifier(session, facilitateurs=[eig[0]])
    assert _statuts(session) == {eig[1].pk: INSCRITE}


def test_session_creer_n_inscrit_pas_ses_animateurs(promotion, eig):
    """Created with its facilitators among the people to register, a session registers only the others."""
    session = services.session_creer(
        promotion=promotion, dispositif=SessionFactory(promotion=promotion).dispositif, titre="Atelier",
        debut=timezone.now() + datetime.timedelta(days=3), fin=timezone.now() + datetime.timedelta(days=3, hours=1),
        facilitateurs=[eig[0]], inscrits=eig[:2])
    assert _statuts(session) == {eig[1].pk: INSCRITE}


def _en_lot(promotion, **champs):
    debut = timezone.make_aware(datetime.datetime.combine(promotion.date_debut + datetime.timedelta(days=30),
                                                          datetime.time(14)))
    return {"dispositif": dispositif("conference"), "titre": "Conférence", "debut": debut,
            "fin": debut + datetime.timedelta(hours=1), **champs}


def test_sessions_creer_en_lot_verifie_chaque_session_comme_session_creer(promotion, eig):
    """Created in bulk, each session is checked as one created alone: a session ending before it starts, or out of
    the promotion's dates, is refused with the reason in French and nothing is written."""
    bonne = _en_lot(promotion)
    a_l_envers = _en_lot(promotion, fin=bonne["debut"] - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError, match="La fin doit être après le début"):
        services.sessions_creer(promotion=promotion, sessions=[bonne, a_l_envers])
    hors_promotion = _en_lot(promotion, debut=bonne["debut"] + datetime.timedelta(days=3650),
                             fin=bonne["fin"] + datetime.timedelta(days=3650))
    with pytest.raises(ValidationError):
        services.sessions_creer(promotion=promotion, sessions=[bonne, hors_promotion])
    assert not Session.objects.filter(promotion=promotion).exists()


def test_sessions_creer_en_lot_ecrit_phase_invites_et_inscrits(promotion, eig):
    """The sessions created in bulk have their phase from their start, their invited and registered people (not
    their facilitators), and a version in the journal of changes."""
    eig, animatrice = eig[0], eig[1]
    sessions = services.sessions_creer(promotion=promotion, publier=True, sessions=[
        _en_lot(promotion, invites=[eig], inscrits=[eig, animatrice], facilitateurs=[animatrice]),
        _en_lot(promotion, titre="Seconde"),
    ])
    premiere = Session.objects.get(pk=sessions[0].pk)
    assert premiere.statut == Session.Statut.PUBLIEE
    assert premiere.phase == promotion.phase_en_cours(timezone.localdate(premiere.debut))
    assert list(premiere.invites.all()) == [eig] and list(premiere.facilitateurs.all()) == [animatrice]
    assert _statuts(premiere) == {eig.pk: Inscription.Statut.INSCRITE}
    assert premiere.history.count() == 1 and Session.objects.get(pk=sessions[1].pk).titre == "Seconde"
