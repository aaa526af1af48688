"""Writes of the accompagnement: mentorat — mentors publish slots; EIG and porteurs book and cancel cycles.

A cycle is booked whole or not at all. Two people never hold the same slot: the database refuses a second
live reservation (the `creneau_tenu_une_seule_fois` constraint), even when both ask at the same instant.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.defaultfilters import date as format_date
from django.urls import reverse
from django.utils import timezone

from programme.dates import verifier_date
from programme.nombres import en_lettres
from programme.notifications import Envoi, lien_absolu, notifier_plusieurs

from ..models import Creneau, Cycle, Reservation, TypeMentorat
from ..models.mentorat import fenetre_creneaux
from ..rules.mentorat import types_mentorat_demandables, types_mentorat_offerts
from ..selectors.mentorat import DUREE_MAX_CYCLE, SEANCES_PAR_CYCLE, semaines_successives

DUREES_MINUTES = {TypeMentorat.MENTORAT: (90,), TypeMentorat.INDIVIDUEL: (30, 60)}
NATURES = {
    TypeMentorat.INDIVIDUEL: "mentorat individuel",
    TypeMentorat.MENTORAT: "mentorat des spécialistes de la DINUM",
}
MESSAGE_DEJA_PRIS = ("Ce créneau vient d'être réservé par quelqu'un d'autre : "
                     "aucune séance de ce cycle n'a été réservée.")


class CreneauDejaPris(ValidationError):
    """Someone else holds one of the slots: nothing of the cycle was booked."""


def en_clair(moment: datetime.datetime) -> str:
    """A date and time as people read them: « mardi 4 mars 2025 à 14 h 00 », in Paris time."""
    return format_date(timezone.localtime(moment), r"l j F Y \à G \h i")


@transaction.atomic
def creneaux_publier(mentor, *, type_mentorat, debut, duree_minutes, lieu="", semaines=1) -> list[Creneau]:
    """Publish a slot, or the same slot each week for `semaines` weeks at the same Paris time (a whole cycle).

    All or nothing: a slot that would overlap one of the mentor's own refuses the whole series.
    """
    if type_mentorat not in types_mentorat_offerts(mentor):
        raise ValidationError("Vous ne proposez pas ce type de mentorat : les coachs proposent le mentorat "
                              "individuel, les parrains et marraines le mentorat des spécialistes.")
    if duree_minutes not in DUREES_MINUTES[type_mentorat]:
        raise ValidationError(
            "Une séance de mentorat dure 1 h 30." if type_mentorat == TypeMentorat.MENTORAT
            else "Une séance de mentorat individuel dure 30 minutes ou 1 heure."
        )
    if not 1 <= semaines <= SEANCES_PAR_CYCLE:
        raise ValidationError(f"Une série compte de 1 à {SEANCES_PAR_CYCLE} semaines.")
    fenetre = fenetre_creneaux(mentor)
    verifier_date(debut, fenetre)
    verifier_date(debut + datetime.timedelta(weeks=semaines - 1), fenetre)
    if debut <= timezone.now():
        raise ValidationError("Un créneau se publie à l'avance : choisissez une date et une heure à venir.")
    # Same wall-clock time each week, across a change to or from daylight saving time.
    heure_locale = timezone.localtime(debut).replace(tzinfo=None)
    duree = datetime.timedelta(minutes=duree_minutes)
    creneaux = []
    for rang in range(semaines):
        debut_semaine = timezone.make_aware(heure_locale + datetime.timedelta(weeks=rang))
        creneaux.append(Creneau(mentor=mentor, type=type_mentorat, debut=debut_semaine,
                                fin=debut_semaine + duree, lieu=lieu.strip()))
    chevauchements = Q()
    for creneau in creneaux:
        chevauchements |= Q(debut__lt=creneau.fin, fin__gt=creneau.debut)
    deja = Creneau.objects.filter(chevauchements, mentor=mentor).order_by("debut").first()
    if deja is not None:
        raise ValidationError(f"Vous avez déjà un créneau le {en_clair(deja.debut)} : rien n'a été publié.")
    try:
        with transaction.atomic():
            return Creneau.objects.bulk_create(creneaux)
    except IntegrityError as erreur:
        raise ValidationError("Vous venez de publier un créneau à cette heure-là : rien n'a été publié.") from erreur


@transaction.atomic
def creneau_supprimer(creneau: Creneau) -> None:
    """Withdraw a slot nobody holds; a cancelled séance on it goes with it."""
    if Reservation.objects.filter(creneau=creneau, annulee_le__isnull=True).exists():
        raise ValidationError("Ce créneau est réservé : annulez d'abord la séance depuis le cycle.")
    creneau.delete()


def _verifier_cycle(demandeur, mentor, creneaux: list[Creneau]) -> str:
    """The kind of the cycle, once the slots make a cycle this person may book; otherwise the reason why not."""
    if len(creneaux) != SEANCES_PAR_CYCLE:
        raise ValidationError(f"Un cycle compte {SEANCES_PAR_CYCLE} séances, une par semaine : "
                              f"vous en avez choisi {len(creneaux)}.")
    if len({c.pk for c in creneaux}) != SEANCES_PAR_CYCLE:
        raise ValidationError(f"Choisissez {SEANCES_PAR_CYCLE} créneaux différents.")
    if any(c.mentor_id != mentor.pk for c in creneaux):
        raise ValidationError("Les séances d'un cycle ont lieu avec un seul et même mentor : ces créneaux sont "
                              "proposés par plusieurs personnes.")
    if mentor.pk == demandeur.pk:
        raise ValidationError("Vous ne pouvez pas réserver vos propres créneaux.")
    types = {c.type for c in creneaux}
    if len(types) != 1:
        raise ValidationError("Les séances d'un cycle sont toutes du même type de mentorat.")
    type_mentorat = types.pop()
    if type_mentorat not in types_mentorat_demandables(demandeur):
        if type_mentorat == TypeMentorat.MENTORAT:
            raise ValidationError("Le mentorat des spécialistes de la DINUM est réservé aux EIG. En tant que porteur "
                                  "ou porteuse de projet, réservez un cycle de mentorat individuel avec un coach.")
        raise ValidationError("Le mentorat individuel est réservé aux EIG et aux porteurs et porteuses de projet.")
    passe = next((c for c in creneaux if c.debut <= timezone.now()), None)
    if passe is not None:
        raise ValidationError(f"Le créneau du {en_clair(passe.debut)} est déjà passé : choisissez des séances à venir.")
    if creneaux[-1].debut - creneaux[0].debut > DUREE_MAX_CYCLE:
        raise ValidationError(f"Un cycle tient en un mois : {DUREE_MAX_CYCLE.days} jours au plus de la première à la "
                              "dernière séance.")
    if not semaines_successives([c.debut for c in creneaux]):
        raise ValidationError("Les séances d'un cycle ont lieu une fois par semaine, "
                              f"{en_lettres(SEANCES_PAR_CYCLE)} semaines de suite.")
    return type_mentorat


@transaction.atomic
def cycle_reserver(demandeur, mentor, creneaux: list[Creneau], besoins: str) -> Cycle:
    """Book a whole cycle of four weekly slots with one mentor, with the demandeur's expression of needs.

    All or nothing: if anyone holds one of the slots, even since a moment ago, `CreneauDejaPris` is raised
    and nothing is written. Both people receive the confirmation once the booking is committed.
    """
    creneaux = sorted(creneaux, key=lambda c: c.debut)
    type_mentorat = _verifier_cycle(demandeur, mentor, creneaux)
    besoins = besoins.strip()
    if not besoins:
        raise ValidationError("Exprimez vos besoins : votre mentor les lira avant la première séance.")
    try:
        # A savepoint: the refused insert leaves the surrounding transaction usable.
        with transaction.atomic():
            cycle = Cycle.objects.create(demandeur=demandeur, mentor=mentor, type=type_mentorat, besoins=besoins)
            Reservation.objects.bulk_create(Reservation(cycle=cycle, creneau=creneau) for creneau in creneaux)
    except IntegrityError as erreur:
        raise CreneauDejaPris(MESSAGE_DEJA_PRIS) from erreur
    _mails_cycle(cycle, creneaux)
    return cycle


@transaction.atomic
def seance_annuler(reservation: Reservation, par) -> Reservation:
    """Cancel one séance to come: its slot is free again; the cycle ends when no séance is left."""
    reservation = (
        Reservation.objects.select_for_update(of=("self",)).select_related("creneau", "cycle")
        .get(pk=reservation.pk)
    )
    if reservation.annulee_le is not None:
        raise ValidationError("Cette séance est déjà annulée.")
    if reservation.creneau.debut <= timezone.now():
        raise ValidationError("Cette séance a commencé ou a déjà eu lieu : elle ne s'annule plus.")
    maintenant = timezone.now()
    Reservation.objects.filter(pk=reservation.pk).update(annulee_le=maintenant, sequence=F("sequence") + 1)
    reservation.refresh_from_db(fields=["annulee_le", "sequence"])
    cycle = reservation.cycle
    if not cycle.reservations.filter(annulee_le__isnull=True).exists():
        Cycle.objects.filter(pk=cycle.pk).update(annule_le=maintenant)
    _mails_annulation(cycle, [reservation.creneau], par, occasion=f"seance-annulee:{reservation.pk}")
    return reservation


@transaction.atomic
def cycle_annuler(cycle: Cycle, par) -> Cycle:
    """Cancel what remains of a cycle: every séance to come; those already held stay in its history."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.annule_le is not None:
        raise ValidationError("Ce cycle est déjà annulé.")
    maintenant = timezone.now()
    a_venir = list(
        Reservation.objects.select_for_update(of=("self",)).select_related("creneau")
        .filter(cycle=cycle, annulee_le__isnull=True, creneau__debut__gt=maintenant)
    )
    if not a_venir:
        raise ValidationError("Toutes les séances de ce cycle ont déjà eu lieu : il n'y a plus rien à annuler.")
    Reservation.objects.filter(pk__in=[r.pk for r in a_venir]).update(annulee_le=maintenant, sequence=F("sequence") + 1)
    cycle.annule_le = maintenant
    cycle.save(update_fields=["annule_le"])
    creneaux = sorted((r.creneau for r in a_venir), key=lambda c: c.debut)
    _mails_annulation(cycle, creneaux, par, occasion="annule")
    return cycle


def _lien_du_cycle(cycle) -> str:
    return lien_absolu(reverse("mentorat_cycle", kwargs={"pk": cycle.pk}))


def _mails_cycle(cycle: Cycle, creneaux: list[Creneau]):
    """Both people receive the confirmation, each under the key `cycle:<pk>:reserve:<personne>`."""
    contexte = {"cycle": cycle, "seances": creneaux, "nature": NATURES[cycle.type]}
    gabarit = "accompagnement/emails/mentorat_cycle_confirme"
    notifier_plusieurs([
        Envoi(personne=cycle.demandeur, cle=f"cycle:{cycle.pk}:reserve:{cycle.demandeur_id}", gabarit=gabarit,
              sujet=f"Votre cycle de mentorat avec {cycle.mentor.nom_complet} est réservé",
              contexte={**contexte, "est_mentor": False, "autre": cycle.mentor}, lien=_lien_du_cycle(cycle)),
        Envoi(personne=cycle.mentor, cle=f"cycle:{cycle.pk}:reserve:{cycle.mentor_id}", gabarit=gabarit,
              sujet=f"{cycle.demandeur.nom_complet} a réservé un cycle de mentorat avec vous",
              contexte={**contexte, "est_mentor": True, "autre": cycle.demandeur}, lien=_lien_du_cycle(cycle)),
    ])


def _mails_annulation(cycle: Cycle, creneaux: list[Creneau], par, *, occasion: str):
    """Both people hear of a cancellation: `occasion` is « annule » for the whole cycle, or names the séance."""
    tout_le_cycle = occasion == "annule"
    contexte = {"cycle": cycle, "seances": creneaux, "par": par, "tout_le_cycle": tout_le_cycle,
                "nature": NATURES[cycle.type]}
    sujet = "Cycle de mentorat annulé" if tout_le_cycle else "Séance de mentorat annulée"
    notifier_plusieurs([
        Envoi(personne=personne, cle=f"cycle:{cycle.pk}:{occasion}:{personne.pk}",
              gabarit="accompagnement/emails/mentorat_annulation", sujet=sujet,
              contexte={**contexte, "autre": autre}, lien=_lien_du_cycle(cycle))
        for personne, autre in [(cycle.demandeur, cycle.mentor), (cycle.mentor, cycle.demandeur)]
    ])
