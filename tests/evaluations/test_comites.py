"""Comités: one per défi and phase, dated near the phase's end, kept in everyone's agenda as a session."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accompagnement.models import Inscription, Session
from accompagnement.selectors.agenda import evenements_de
from accompagnement.services.sessions import session_modifier
from defis.factories import DefiFactory, MembreEquipeFactory
from evaluations.calendrier import dernier_jour_ouvre
from evaluations.models import Comite
from evaluations.services.comites import (
    comite_creer,
    comite_date_par_defaut,
    comite_modifier,
    comite_supprimer,
    comites_creer_pour,
    reglages_de,
    reglages_modifier,
)
from programme.factories import CoachFactory

PARIS = ZoneInfo("Europe/Paris")
pytestmark = pytest.mark.django_db


def test_le_dernier_jour_ouvre_evite_week_end_et_jours_feries():
    """Saturday 1 November 2025 (Toussaint) → Friday 31 October; Easter Monday 2025 → Friday 18 April;
    New Year's Eve → 23 December, before the programme's year-end break."""
    assert dernier_jour_ouvre(datetime.date(2025, 11, 2)) == datetime.date(2025, 10, 31)
    assert dernier_jour_ouvre(datetime.date(2025, 4, 21)) == datetime.date(2025, 4, 18)
    assert dernier_jour_ouvre(datetime.date(2025, 12, 31)) == datetime.date(2025, 12, 23)


def test_date_par_defaut_dernier_jour_ouvre_a_14_h_heure_de_paris_ete_comme_hiver(equipe):
    """2 p.m. in Paris is 12:00 UTC in summer and 13:00 UTC in winter."""
    phase = equipe["promotion"].phases.get(numero=2)
    phase.date_fin = datetime.date(2025, 6, 30)
    assert comite_date_par_defaut(phase) == datetime.datetime(2025, 6, 30, 12, tzinfo=datetime.timezone.utc)
    phase.date_fin = datetime.date(2026, 1, 31)
    assert comite_date_par_defaut(phase) == datetime.datetime(2026, 1, 30, 13, tzinfo=datetime.timezone.utc)


def test_creer_un_comite_cree_sa_session_publiee_dans_l_agenda_de_chacun(equipe):
    """The comité's session is published, for the défi, with the team registered and the coach facilitating."""
    phase = equipe["promotion"].phases.get(numero=2)
    comite = comite_creer(equipe["defi"], phase, coachs=[equipe["coach"]])
    session = comite.session
    assert session.dispositif.slug == "comite-evaluation"
    assert (session.statut, session.audience, session.defi, session.phase) == ("publiee", "defi", equipe["defi"], phase)
    assert session.debut == comite.debut and session.fin - session.debut == datetime.timedelta(minutes=90)
    assert timezone_paris(session.debut).hour == 14
    inscrits = set(session.inscriptions.filter(statut=Inscription.Statut.INSCRITE).values_list("personne", flat=True))
    assert inscrits == {equipe["eig"].pk, equipe["porteur"].pk}
    assert list(session.facilitateurs.all()) == [equipe["coach"]]
    assert comite.echeance_support == comite.debut - datetime.timedelta(days=7)


def timezone_paris(moment):
    return moment.astimezone(PARIS)


def test_la_base_refuse_un_second_comite_pour_le_meme_defi_et_la_meme_phase(comite):
    """The UniqueConstraint(defi, phase) holds in the database, not only in the service."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Comite.objects.create(defi=comite.defi, phase=comite.phase, debut=comite.debut,
                              echeance_support=comite.echeance_support)


def test_le_service_refuse_aussi_un_second_comite(comite):
    """Asking the service for a second comité answers a validation error in French."""
    with pytest.raises(ValidationError):
        comite_creer(comite.defi, comite.phase)


def test_un_comite_ne_prend_qu_une_phase_de_la_promotion_du_defi(equipe):
    """A phase of another promotion is refused."""
    autre = DefiFactory()
    with pytest.raises(ValidationError, match="pas une phase de la promotion"):
        comite_creer(equipe["defi"], autre.promotion.phases.get(numero=1))


def test_creer_les_comites_d_une_promotion_est_idempotent(equipe):
    """Every défi of the promotion gets one comité; asking again creates nothing more."""
    DefiFactory(promotion=equipe["promotion"])
    phase = equipe["promotion"].phases.get(numero=3)
    assert len(comites_creer_pour(equipe["promotion"], phase)) == 2
    assert comites_creer_pour(equipe["promotion"], phase) == []
    assert Comite.objects.filter(phase=phase).count() == 2
    assert Session.objects.filter(dispositif__slug="comite-evaluation", phase=phase).count() == 2


def test_les_comites_crees_pour_une_phase_se_suivent_sans_chevauchement(equipe):
    """Six défis' comités, created from the board, follow one another in the phase's last working days (four a day
    at most), around a session already planned there: the same two coaches can sit on all of them."""
    from accompagnement.factories import SessionFactory
    from accompagnement.services.planificateur import est_ouvre

    for rang in range(5):
        DefiFactory(promotion=equipe["promotion"], titre=f"Défi {rang}")
    phase = equipe["promotion"].phases.get(numero=3)
    occupee = datetime.datetime.combine(dernier_jour_ouvre(phase.date_fin), datetime.time(14), tzinfo=PARIS)
    SessionFactory(promotion=equipe["promotion"], debut=occupee, fin=occupee + datetime.timedelta(hours=2))
    comites = sorted(comites_creer_pour(equipe["promotion"], phase, coachs=[equipe["coach"]]), key=lambda c: c.debut)
    assert len(comites) == 6
    assert all(avant.fin <= apres.debut for avant, apres in zip(comites, comites[1:]))
    assert all(c.fin <= occupee or c.debut >= occupee + datetime.timedelta(hours=2) for c in comites)
    jours = [timezone_paris(c.debut).date() for c in comites]
    assert all(est_ouvre(jour) and phase.contient(jour) for jour in jours)
    assert max(jours.count(jour) for jour in jours) <= 4


def test_changer_la_date_met_a_jour_la_session_et_incremente_sa_sequence(comite, equipe):
    """A new date moves the session and raises its iCalendar sequence; the deadline follows."""
    sequence = comite.session.sequence
    nouvelle = comite.debut + datetime.timedelta(days=2)
    comite_modifier(comite, debut=nouvelle, duree_minutes=90, lien_visio="", coachs=[equipe["coach"]],
                    participants=list(comite.participants.all()))
    comite.session.refresh_from_db()
    assert comite.session.debut == nouvelle and comite.session.sequence == sequence + 1
    assert comite.echeance_support == nouvelle - datetime.timedelta(days=7)


def test_changer_seulement_les_coachs_ne_change_pas_la_sequence(comite, equipe):
    """Same date and link: the sequence stays; the new coach facilitates the session."""
    sequence = comite.session.sequence
    autre_coach = CoachFactory(promotion=equipe["promotion"])
    comite_modifier(comite, debut=comite.debut, duree_minutes=comite.duree_minutes, lien_visio=comite.lien_visio,
                    coachs=[autre_coach], participants=list(comite.participants.all()))
    comite.session.refresh_from_db()
    assert comite.session.sequence == sequence
    assert list(comite.session.facilitateurs.all()) == [autre_coach]


def test_la_session_du_comite_est_verifiee_comme_toute_session(equipe):
    """A comité the day after the promotion ended is refused in French on its date (a comité closes one of the
    promotion's phases), and nothing is created; a comité's session moved by a coach raises its SEQUENCE, and
    ending before it starts is refused, like any session (accompagnement's session services)."""
    promotion = equipe["promotion"]
    phase = promotion.phases.get(numero=2)
    tard = datetime.datetime.combine(promotion.date_fin + datetime.timedelta(days=1), datetime.time(10),
                                     tzinfo=PARIS)
    with pytest.raises(ValidationError) as erreur:
        comite_creer(equipe["defi"], phase, debut=tard, duree_minutes=90)
    assert erreur.value.message_dict == {"debut": [
        f"Choisissez une date entre le {promotion.date_debut:%d/%m/%Y} et le {promotion.date_fin:%d/%m/%Y} "
        f"(les dates de « {promotion} » : un comité clôt l'une de ses phases)."
    ]}
    assert not Comite.objects.exists() and not Session.objects.exists()
    session = comite_creer(equipe["defi"], phase, coachs=[equipe["coach"]]).session
    with pytest.raises(ValidationError, match="La fin doit être après le début."):
        session_modifier(session, fin=session.debut - datetime.timedelta(hours=1))
    session.refresh_from_db()
    session = session_modifier(session, lieu="Salle Marianne, 20 avenue de Ségur")
    assert session.sequence == 1


def test_un_participant_retire_n_est_plus_inscrit_et_un_ajoute_l_est(comite, equipe):
    """Registrations follow the participants list."""
    nouveau = MembreEquipeFactory(defi=equipe["defi"]).personne
    comite_modifier(comite, debut=comite.debut, duree_minutes=90, lien_visio="", coachs=[],
                    participants=[equipe["porteur"], nouveau])
    inscrits = set(comite.session.inscriptions.values_list("personne", flat=True))
    assert inscrits == {equipe["porteur"].pk, nouveau.pk}


def test_le_delai_du_support_se_regle_par_promotion(comite, equipe):
    """Changing the promotion's delay moves the deadline of its comités."""
    reglages = reglages_de(equipe["promotion"])
    reglages.delai_support_jours = 3
    reglages_modifier(reglages)
    comite.refresh_from_db()
    assert comite.debut - comite.echeance_support == datetime.timedelta(days=3)
    nouveau = comite_creer(DefiFactory(promotion=equipe["promotion"]), comite.phase)
    assert nouveau.debut - nouveau.echeance_support == datetime.timedelta(days=3)


def test_supprimer_un_comite_annule_sa_session_et_previent_une_fois(comite, mailoutbox,
                                                                     django_capture_on_commit_callbacks):
    """The comité's published session is cancelled with its reason, each participant is told once, and the
    session is no longer a comité's; a draft session is simply deleted."""
    session = comite.session
    participants = sorted(p.email for p in comite.participants.all())
    assert session.statut == Session.Statut.PUBLIEE and participants
    with django_capture_on_commit_callbacks(execute=True):
        comite_supprimer(comite)
    session.refresh_from_db()
    assert session.statut == Session.Statut.ANNULEE
    assert "retiré du calendrier" in session.motif_annulation
    annonces = [m for m in mailoutbox if "annulée" in m.subject]
    assert sorted(adresse for m in annonces for adresse in m.to) == participants


def test_supprimer_un_comite_au_brouillon_supprime_sa_session(comite):
    """A comité whose session is still a draft leaves nothing behind."""
    Session.objects.filter(pk=comite.session_id).update(statut=Session.Statut.BROUILLON)
    session_id = comite.session_id
    comite.refresh_from_db()
    comite_supprimer(comite)
    assert not Session.objects.filter(pk=session_id).exists()


def test_un_coach_replanifie_le_comite_depuis_sa_page(client, comite, equipe):
    """The form shows Paris time; a new date and link move the session, its sequence and the deadline."""
    client.force_login(equipe["coach"])
    url = f"/defis/{equipe['defi'].slug}/evaluations/phase-2/planifier/"
    page = client.get(url).content.decode()
    assert timezone_paris(comite.debut).strftime("%Y-%m-%dT%H:%M") in page
    jour = equipe["promotion"].phases.get(numero=2).date_fin
    reponse = client.post(url, {
        "debut": f"{jour:%Y-%m-%d}T10:30", "duree_minutes": "60", "lien_visio": "https://visio.exemple.test/comite",
        "coachs": [equipe["coach"].pk], "participants": [equipe["eig"].pk, equipe["porteur"].pk],
    }, follow=True)
    assert "Comité enregistré" in reponse.content.decode()
    comite.refresh_from_db()
    assert comite.debut == datetime.datetime.combine(jour, datetime.time(10, 30), tzinfo=PARIS)
    session = comite.session
    assert (session.fin - session.debut, session.lien_visio) == (datetime.timedelta(minutes=60),
                                                                  "https://visio.exemple.test/comite")
    assert session.sequence == 1
    assert comite.echeance_support == datetime.datetime.combine(jour - datetime.timedelta(days=7),
                                                                datetime.time(10, 30), tzinfo=PARIS)


def test_un_eig_ne_planifie_pas_le_comite(client, comite, equipe):
    """The comité page is the team's; its planning is the coaches'."""
    client.force_login(equipe["eig"])
    assert client.get(f"/defis/{equipe['defi'].slug}/evaluations/phase-2/").status_code == 200
    assert client.get(f"/defis/{equipe['defi'].slug}/evaluations/phase-2/planifier/").status_code == 403


def test_le_comite_apparait_dans_l_agenda_de_l_equipe_et_du_coach_mais_pas_du_sponsor(comite, equipe):
    """Read through the agenda's own selector: EIG, porteuse and coach see the comité; the sponsor does not."""
    debut, fin = comite.debut - datetime.timedelta(days=1), comite.debut + datetime.timedelta(days=1)
    for role in ("eig", "porteur", "coach"):
        titres = [evenement.titre for evenement in evenements_de(equipe[role], debut, fin)]
        assert titres == [comite.session.titre], role
    assert evenements_de(equipe["sponsor"], debut, fin) == []


def test_le_comite_planifie_au_calendrier_est_le_comite_du_defi(equipe):
    """The planner's comité session of a défi and a phase is that défi's comité: the board, the team's page and
    the supports find it, at the planner's date, with the team registered; the draft waits for the calendar's
    publication, and the service refuses a second comité for it."""
    from accompagnement.services.planificateur import calendrier_planifier

    calendrier_planifier(equipe["promotion"])
    phase = equipe["promotion"].phases.get(numero=3)
    session = Session.objects.get(dispositif__slug="comite-evaluation", defi=equipe["defi"], phase=phase)
    comite = Comite.objects.get(defi=equipe["defi"], phase=phase)
    assert comite.session_id == session.pk and session.statut == Session.Statut.BROUILLON
    assert (comite.debut, comite.fin) == (session.debut, session.fin)
    assert comite.echeance_support == session.debut - datetime.timedelta(days=7)
    assert set(session.inscriptions.values_list("personne_id", flat=True)) == {equipe["eig"].pk, equipe["porteur"].pk}
    assert Comite.objects.filter(defi=equipe["defi"]).count() == 4
    with pytest.raises(ValidationError, match="déjà un comité pour cette phase"):
        comite_creer(equipe["defi"], phase, coachs=[equipe["coach"]])
    assert Session.objects.filter(dispositif__slug="comite-evaluation", defi=equipe["defi"], phase=phase).count() == 1


def test_la_session_du_comite_mene_au_comite(client, equipe):
    """From the comité's session (in the agenda), the team reaches the comité's page: support and rapport."""
    from evaluations.services.comites import comite_creer

    comite = comite_creer(equipe["defi"], equipe["promotion"].phases.get(numero=2), coachs=[equipe["coach"]])
    client.force_login(equipe["eig"])
    page = client.get(f"/sessions/{comite.session_id}/").content.decode()
    assert f'href="/defis/{equipe["defi"].slug}/evaluations/phase-2/"' in page
