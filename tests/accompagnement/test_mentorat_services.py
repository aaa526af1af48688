"""Mentorat: publishing slots, booking a whole cycle of four weekly slots (all or nothing), cancelling."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accompagnement.factories import CreneauFactory, CycleFactory
from accompagnement.models import Creneau, Cycle, Reservation, TypeMentorat
from accompagnement.selectors.mentorat import cycles_possibles, offre_de_mentorat
from accompagnement.services.mentorat import (
    CreneauDejaPris,
    creneau_supprimer,
    creneaux_publier,
    cycle_annuler,
    cycle_reserver,
    seance_annuler,
)
from programme.factories import (
    CoachFactory,
    EIGFactory,
    ParrainFactory,
    PorteurFactory,
    PromotionFactory,
    RoleFactory,
)

from .outils_mentorat import a_paris, lundi, serie

pytestmark = pytest.mark.django_db

BESOINS = "Prioriser les fonctionnalités de notre prototype et préparer le comité d'évaluation."


@pytest.fixture
def promotion():
    return PromotionFactory()


@pytest.fixture
def coach(promotion):
    return CoachFactory(promotion=promotion, prenom="Camille", nom_usage="Martin", email="camille@exemple.test")


@pytest.fixture
def parrain(promotion):
    return ParrainFactory(promotion=promotion, prenom="Bastien", nom_usage="Guerry", email="bastien@exemple.test")


@pytest.fixture
def eig(promotion):
    return EIGFactory(promotion=promotion, prenom="Nina", nom_usage="Roux", email="nina@exemple.test")


@pytest.fixture
def porteur(promotion):
    return PorteurFactory(promotion=promotion)


def test_cycle_valide_cree_le_cycle_et_ses_quatre_seances(eig, coach, django_capture_on_commit_callbacks):
    """Four weekly slots of one coach make a cycle: one Cycle, four live reservations, the needs kept."""
    creneaux = serie(coach, a_paris(lundi(), 10))
    with django_capture_on_commit_callbacks(execute=True):
        cycle = cycle_reserver(eig, coach, creneaux, f"  {BESOINS}  ")
    assert cycle.type == TypeMentorat.INDIVIDUEL and cycle.besoins == BESOINS
    assert cycle.demandeur == eig and cycle.mentor == coach
    assert sorted(cycle.reservations.values_list("creneau_id", flat=True)) == sorted(c.pk for c in creneaux)
    assert not cycle.reservations.filter(annulee_le__isnull=False).exists()


def test_cycle_confirme_par_e_mail_au_demandeur_et_au_mentor(eig, coach, django_capture_on_commit_callbacks):
    """After commit, the EIG and the mentor each receive a French e-mail, text and HTML, with the four séances."""
    creneaux = serie(coach, a_paris(lundi(), 10))
    with django_capture_on_commit_callbacks(execute=True):
        cycle_reserver(eig, coach, creneaux, BESOINS)
    assert sorted(m.to[0] for m in mail.outbox) == ["camille@exemple.test", "nina@exemple.test"]
    pour_eig = next(m for m in mail.outbox if m.to == ["nina@exemple.test"])
    assert "Bonjour Nina" in pour_eig.body and "Camille Martin" in pour_eig.body
    assert pour_eig.body.count("10 h 00") == 4 and BESOINS in pour_eig.body
    assert "Voir le cycle sur Magellan" in pour_eig.alternatives[0][0]
    pour_mentor = next(m for m in mail.outbox if m.to == ["camille@exemple.test"])
    assert "Nina Roux a réservé avec vous un cycle de mentorat individuel" in pour_mentor.body


def test_aucun_e_mail_si_la_transaction_est_annulee(eig, coach, django_capture_on_commit_callbacks):
    """The confirmation leaves only once the booking is committed: nothing goes out on a rollback."""
    creneaux = serie(coach, a_paris(lundi(), 10))
    with django_capture_on_commit_callbacks(execute=True) as rappels:
        with pytest.raises(RuntimeError), transaction.atomic():
            cycle_reserver(eig, coach, creneaux, BESOINS)
            raise RuntimeError("annulation")
    assert rappels == [] and mail.outbox == [] and not Cycle.objects.exists()


@pytest.mark.parametrize("nombre", [3, 5])
def test_cycle_refuse_un_autre_nombre_que_quatre_seances(eig, coach, nombre):
    """Three (or five) slots are not a cycle: refused, with the count in the message, nothing written."""
    creneaux = serie(coach, a_paris(lundi(), 10), nombre=nombre)
    message = f"Un cycle compte 4 séances, une par semaine : vous en avez choisi {nombre}"
    with pytest.raises(ValidationError, match=message):
        cycle_reserver(eig, coach, creneaux, BESOINS)
    assert not Cycle.objects.exists() and not Reservation.objects.exists()


def test_cycle_refuse_deux_mentors(eig, coach, promotion):
    """Slots of two mentors do not make one cycle."""
    autre = CoachFactory(promotion=promotion)
    creneaux = [*serie(coach, a_paris(lundi(), 10), nombre=3),
                CreneauFactory(mentor=autre, debut=a_paris(lundi(4), 10))]
    with pytest.raises(ValidationError, match="un seul et même mentor"):
        cycle_reserver(eig, coach, creneaux, BESOINS)
    assert not Reservation.objects.exists()


def test_cycle_refuse_plus_d_un_mois(eig, coach):
    """Four séances ten days apart span 30 days: more than a month, refused."""
    creneaux = serie(coach, a_paris(lundi(), 10), ecart=datetime.timedelta(days=10))
    with pytest.raises(ValidationError, match="Un cycle tient en un mois : 28 jours au plus"):
        cycle_reserver(eig, coach, creneaux, BESOINS)
    assert not Cycle.objects.exists()


def test_cycle_refuse_des_seances_pas_hebdomadaires(eig, coach):
    """Two séances in the same week (and a week without any) are not one a week, even within a month."""
    premier = a_paris(lundi(), 10)
    jours = [0, 2, 14, 21]
    creneaux = [CreneauFactory(mentor=coach, debut=premier + datetime.timedelta(days=j)) for j in jours]
    with pytest.raises(ValidationError, match="une fois par semaine, quatre semaines de suite"):
        cycle_reserver(eig, coach, creneaux, BESOINS)
    assert not Cycle.objects.exists()


def test_cycle_accepte_des_jours_differents_d_une_semaine_a_l_autre(eig, coach):
    """One a week is what counts: Monday, then Thursday, then Tuesday, then Friday of the following weeks."""
    premier = a_paris(lundi(), 10)
    creneaux = [CreneauFactory(mentor=coach, debut=premier + datetime.timedelta(days=j)) for j in [0, 10, 15, 25]]
    assert cycle_reserver(eig, coach, creneaux, BESOINS).reservations.count() == 4


def test_cycle_refuse_un_creneau_passe(eig, coach):
    """A slot already past cannot start a cycle."""
    creneaux = serie(coach, timezone.now() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="est déjà passé"):
        cycle_reserver(eig, coach, creneaux, BESOINS)


def test_cycle_refuse_un_melange_de_types(eig, coach):
    """The four séances are all of the same kind of mentorat."""
    creneaux = serie(coach, a_paris(lundi(), 10), nombre=3)
    creneaux.append(CreneauFactory(mentor=coach, type=TypeMentorat.MENTORAT, debut=a_paris(lundi(4), 10)))
    with pytest.raises(ValidationError, match="du même type de mentorat"):
        cycle_reserver(eig, coach, creneaux, BESOINS)


def test_porteur_refuse_pour_le_mentorat_specialiste(porteur, parrain):
    """A porteur may not book the specialists' mentorat; the message points to mentorat individuel."""
    creneaux = serie(parrain, a_paris(lundi(), 14), type_mentorat=TypeMentorat.MENTORAT)
    with pytest.raises(ValidationError, match="réservé aux EIG. En tant que porteur ou porteuse de projet, réservez "
                                              "un cycle de mentorat individuel"):
        cycle_reserver(porteur, parrain, creneaux, BESOINS)
    assert not Cycle.objects.exists()


def test_porteur_accepte_en_mentorat_individuel(porteur, coach):
    """A porteur books a cycle of mentorat individuel with a coach."""
    cycle = cycle_reserver(porteur, coach, serie(coach, a_paris(lundi(), 10)), BESOINS)
    assert cycle.type == TypeMentorat.INDIVIDUEL and cycle.reservations.count() == 4


def test_eig_reserve_le_mentorat_des_specialistes(eig, parrain):
    """An EIG books a cycle of 1 h 30 séances with a parrain, a DINUM specialist."""
    cycle = cycle_reserver(eig, parrain, serie(parrain, a_paris(lundi(), 14), type_mentorat="mentorat"), BESOINS)
    assert cycle.type == TypeMentorat.MENTORAT


def test_un_parrain_ne_reserve_pas_de_cycle(parrain, coach):
    """A parrain is a mentor, not a demandeur: refused."""
    with pytest.raises(ValidationError, match="réservé aux EIG et aux porteurs"):
        cycle_reserver(parrain, coach, serie(coach, a_paris(lundi(), 10)), BESOINS)


def test_cycle_refuse_ses_propres_creneaux(promotion):
    """A coach who is also an EIG of another promotion does not book their own slots."""
    coach_eig = CoachFactory(promotion=promotion)
    RoleFactory(personne=coach_eig, promotion=PromotionFactory(), type="eig")
    with pytest.raises(ValidationError, match="vos propres créneaux"):
        cycle_reserver(coach_eig, coach_eig, serie(coach_eig, a_paris(lundi(), 10)), BESOINS)


def test_cycle_refuse_sans_expression_de_besoins(eig, coach):
    """The expression of needs is what the dispositif asks to prepare: blank is refused."""
    with pytest.raises(ValidationError, match="Exprimez vos besoins"):
        cycle_reserver(eig, coach, serie(coach, a_paris(lundi(), 10)), "   ")


def test_cycle_refuse_un_creneau_deja_pris_et_ne_cree_rien(eig, coach, promotion):
    """One of the four slots held by someone else: nothing is booked, the three others stay free."""
    creneaux = serie(coach, a_paris(lundi(), 10))
    CycleFactory(mentor=coach, creneaux=[creneaux[2]] + serie(coach, a_paris(lundi(), 16), nombre=3))
    with pytest.raises(CreneauDejaPris, match="Ce créneau vient d'être réservé par quelqu'un d'autre"):
        cycle_reserver(eig, coach, creneaux, BESOINS)
    assert not Cycle.objects.filter(demandeur=eig).exists()
    libres = [c.pk for c in creneaux if not c.reservations.filter(annulee_le__isnull=True).exists()]
    assert libres == [creneaux[0].pk, creneaux[1].pk, creneaux[3].pk]
    assert Reservation.objects.filter(creneau=creneaux[2]).count() == 1


def test_la_base_refuse_meme_sans_verification_prealable(eig, coach):
    """The refusal comes from the database constraint: the transaction stays usable after it (a savepoint)."""
    creneaux = serie(coach, a_paris(lundi(), 10))
    autre = EIGFactory()
    with transaction.atomic():
        cycle_reserver(autre, coach, creneaux, BESOINS)
        with pytest.raises(CreneauDejaPris):
            cycle_reserver(eig, coach, creneaux, BESOINS)
        assert Cycle.objects.count() == 1
        assert Reservation.objects.count() == 4


def test_annuler_une_seance_libere_le_creneau(eig, coach, django_capture_on_commit_callbacks):
    """A cancelled séance: dated, its SEQUENCE raised, both warned by e-mail; its slot can be booked again."""
    cycle = CycleFactory(demandeur=eig, mentor=coach)
    seance = cycle.reservations.order_by("creneau__debut").first()
    with django_capture_on_commit_callbacks(execute=True):
        seance_annuler(seance, par=eig)
    seance.refresh_from_db()
    assert seance.annulee_le is not None and seance.sequence == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["camille@exemple.test", "nina@exemple.test"]
    assert "Nina Roux a annulé une séance" in mail.outbox[0].body
    cycle.refresh_from_db()
    assert cycle.annule_le is None
    autres = serie(coach, seance.creneau.debut + datetime.timedelta(weeks=1, hours=3), nombre=3)
    nouveau = cycle_reserver(EIGFactory(), coach, [seance.creneau, *autres], BESOINS)
    assert nouveau.reservations.filter(creneau=seance.creneau).exists()


def test_annuler_une_seance_deja_annulee_ou_passee_est_refuse(eig, coach):
    """A séance cancels once, and never once it has started."""
    cycle = CycleFactory(demandeur=eig, mentor=coach)
    seance = cycle.reservations.first()
    seance_annuler(seance, par=eig)
    with pytest.raises(ValidationError, match="déjà annulée"):
        seance_annuler(seance, par=eig)
    commence = CycleFactory(mentor=coach, premiere_seance=timezone.now() - datetime.timedelta(hours=2))
    passee = commence.reservations.first()
    with pytest.raises(ValidationError, match="a déjà eu lieu"):
        seance_annuler(passee, par=coach)


def test_annuler_le_cycle_annule_les_seances_a_venir(eig, coach, django_capture_on_commit_callbacks):
    """Cancelling the cycle cancels every séance to come, frees their slots and warns both people."""
    cycle = CycleFactory(demandeur=eig, mentor=coach)
    with django_capture_on_commit_callbacks(execute=True):
        cycle_annuler(cycle, par=coach)
    cycle.refresh_from_db()
    assert cycle.annule_le is not None
    assert not cycle.reservations.filter(annulee_le__isnull=True).exists()
    assert set(cycle.reservations.values_list("sequence", flat=True)) == {1}
    assert len(mail.outbox) == 2 and "Camille Martin a annulé le cycle" in mail.outbox[0].body
    with pytest.raises(ValidationError, match="déjà annulé"):
        cycle_annuler(cycle, par=coach)


def test_annuler_le_cycle_garde_les_seances_passees(eig, coach):
    """A cycle under way: the séance already held stays in its history, the three others are cancelled."""
    cycle = CycleFactory(demandeur=eig, mentor=coach, premiere_seance=timezone.now() - datetime.timedelta(days=2))
    cycle_annuler(cycle, par=eig)
    assert cycle.reservations.filter(annulee_le__isnull=True).count() == 1


def test_annuler_les_quatre_seances_une_a_une_clot_le_cycle(eig, coach):
    """When no séance is left, the cycle itself is cancelled."""
    cycle = CycleFactory(demandeur=eig, mentor=coach)
    for seance in cycle.reservations.all():
        seance_annuler(seance, par=eig)
    cycle.refresh_from_db()
    assert cycle.annule_le is not None


def _prochain_changement_d_heure() -> datetime.date:
    """The first day, from the week after next on, whose Paris offset differs from the day before's."""
    jour = lundi(2)
    while True:
        suivant = jour + datetime.timedelta(days=1)
        if a_paris(suivant, 12).utcoffset() != a_paris(jour, 12).utcoffset():
            return suivant
        jour = suivant


def test_publier_une_serie_garde_la_meme_heure_de_paris_au_changement_d_heure(coach):
    """A series of four weeks across a daylight-saving change stays at 10:00 in Paris each week."""
    changement = _prochain_changement_d_heure()
    debut = a_paris(changement - datetime.timedelta(days=8), 10)
    creneaux = creneaux_publier(coach, type_mentorat="individuel", debut=debut, duree_minutes=60,
                                lieu="Salle Ségur", semaines=4)
    locales = [timezone.localtime(c.debut) for c in creneaux]
    assert [(d.hour, d.minute) for d in locales] == [(10, 0)] * 4
    assert [d.weekday() for d in locales] == [debut.weekday()] * 4
    assert len({d.utcoffset() for d in locales}) == 2
    assert all(c.fin - c.debut == datetime.timedelta(hours=1) for c in creneaux)


def test_publier_refuse_une_duree_qui_ne_va_pas_avec_le_type(coach, parrain):
    """Mentorat individuel lasts 30 minutes or 1 hour; the specialists' mentorat 1 h 30."""
    with pytest.raises(ValidationError, match="30 minutes ou 1 heure"):
        creneaux_publier(coach, type_mentorat="individuel", debut=a_paris(lundi(), 10), duree_minutes=90)
    with pytest.raises(ValidationError, match="dure 1 h 30"):
        creneaux_publier(parrain, type_mentorat="mentorat", debut=a_paris(lundi(), 10), duree_minutes=60)
    assert not Creneau.objects.exists()


def test_publier_refuse_le_type_d_un_autre_mentor(coach, parrain):
    """A parrain offers the specialists' mentorat, not mentorat individuel; a coach the reverse."""
    with pytest.raises(ValidationError, match="Vous ne proposez pas ce type de mentorat"):
        creneaux_publier(parrain, type_mentorat="individuel", debut=a_paris(lundi(), 10), duree_minutes=60)
    with pytest.raises(ValidationError, match="Vous ne proposez pas ce type de mentorat"):
        creneaux_publier(coach, type_mentorat="mentorat", debut=a_paris(lundi(), 10), duree_minutes=90)


def test_publier_refuse_un_chevauchement_et_ne_publie_rien(coach):
    """A series overlapping one of the mentor's slots in its third week is refused whole."""
    CreneauFactory(mentor=coach, debut=a_paris(lundi(3), 10, 30))
    with pytest.raises(ValidationError, match="Vous avez déjà un créneau le lundi"):
        creneaux_publier(coach, type_mentorat="individuel", debut=a_paris(lundi(), 10), duree_minutes=60, semaines=4)
    assert Creneau.objects.count() == 1


def test_publier_refuse_une_date_passee(coach):
    """A slot is offered ahead of time."""
    with pytest.raises(ValidationError, match="choisissez une date et une heure à venir"):
        creneaux_publier(coach, type_mentorat="individuel", debut=timezone.now() - datetime.timedelta(hours=1),
                         duree_minutes=60)


def test_un_creneau_reserve_ne_se_retire_pas(coach):
    """A held slot cannot be withdrawn; a free one can."""
    cycle = CycleFactory(mentor=coach)
    tenu = cycle.reservations.first().creneau
    with pytest.raises(ValidationError, match="annulez d'abord la séance"):
        creneau_supprimer(tenu)
    libre = CreneauFactory(mentor=coach)
    creneau_supprimer(libre)
    assert not Creneau.objects.filter(pk=libre.pk).exists() and Creneau.objects.filter(pk=tenu.pk).exists()


def test_cycles_possibles_prend_une_seance_par_semaine_au_plus_pres(coach):
    """Each slot opens a cycle with the nearest slot of each of the three following weeks; a hole closes none."""
    premier = a_paris(lundi(), 10)
    creneaux = serie(coach, premier, nombre=5)
    mercredi = CreneauFactory(mentor=coach, debut=premier + datetime.timedelta(days=9))
    creneaux_mois_suivant = serie(coach, a_paris(lundi(9), 10), nombre=3)
    cycles = cycles_possibles(sorted([*creneaux, mercredi, *creneaux_mois_suivant], key=lambda c: c.debut))
    assert [[c.pk for c in cycle] for cycle in cycles] == [
        [c.pk for c in creneaux[0:4]], [c.pk for c in creneaux[1:5]], [mercredi.pk, *(c.pk for c in creneaux[2:5])],
    ]


def test_offre_ne_montre_ni_les_creneaux_tenus_ni_les_siens(eig, coach, parrain):
    """The offer of a kind: free slots only, grouped by mentor; a mentor without a whole cycle is left out."""
    serie(coach, a_paris(lundi(), 10), nombre=5)
    tenus = serie(coach, a_paris(lundi(), 16))
    CycleFactory(mentor=coach, creneaux=tenus)
    serie(parrain, a_paris(lundi(), 10), type_mentorat="mentorat")
    autre_coach = CoachFactory()
    serie(autre_coach, a_paris(lundi(), 9), nombre=3)
    offre = offre_de_mentorat("individuel", demandeur=eig)
    assert [bloc["mentor"] for bloc in offre] == [coach]
    assert len(offre[0]["cycles"]) == 2
    assert all(c.pk not in {t.pk for t in tenus} for cycle in offre[0]["cycles"] for c in cycle["seances"])
