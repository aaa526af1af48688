"""Reads of the accompagnement: mentorat — the cycles one can still book, one's cycles, a mentor's mentorés.

A cycle is four séances with one mentor, one a week, four weeks in a row (Monday-to-Sunday weeks in
Europe/Paris), so that it fits in a month: 28 days at most from the first séance to the fourth.
"""

import datetime

from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from programme.dates import moments_lisibles
from programme.models import Personne

from ..models import Creneau, Cycle, Dispositif, Reservation, TypeMentorat

SEANCES_PAR_CYCLE = 4
DUREE_MAX_CYCLE = datetime.timedelta(days=28)
DISPOSITIFS_MENTORAT = {
    TypeMentorat.INDIVIDUEL: "mentorat-individuel",
    TypeMentorat.MENTORAT: "mentorat",
    "collectif": "mentorat-collectif",
}


def lundi_de(moment: datetime.datetime) -> datetime.date:
    """The Monday of the week holding `moment`, in Paris time."""
    jour = timezone.localtime(moment).date()
    return jour - datetime.timedelta(days=jour.weekday())


def semaines_successives(debuts: list[datetime.datetime]) -> bool:
    """Whether the sorted starts fall one in each week, weeks in a row."""
    lundis = [lundi_de(debut) for debut in debuts]
    return all((lundi - lundis[0]).days == 7 * rang for rang, lundi in enumerate(lundis))


def _reservation_active():
    return Reservation.objects.filter(creneau=OuterRef("pk"), annulee_le__isnull=True)


def creneaux_libres(type_mentorat, *, sauf_mentor=None) -> QuerySet[Creneau]:
    """The slots of a kind still free and to come, mentor by mentor, in time order."""
    creneaux = (
        Creneau.objects.filter(moments_lisibles(), type=type_mentorat, debut__gt=timezone.now())
        .filter(~Exists(_reservation_active()))
        .select_related("mentor")
        .order_by("mentor__nom_usage", "mentor__prenom", "mentor_id", "debut")
    )
    if sauf_mentor is not None:
        creneaux = creneaux.exclude(mentor=sauf_mentor)
    return creneaux


def cycles_possibles(creneaux: list[Creneau]) -> list[list[Creneau]]:
    """The cycles one mentor's free slots allow, in time order.

    Each slot opens a cycle with, in each of the three following weeks, the slot nearest to the same day
    and time; a week without a slot closes nothing.
    """
    par_semaine: dict[datetime.date, list[Creneau]] = {}
    for creneau in creneaux:
        par_semaine.setdefault(lundi_de(creneau.debut), []).append(creneau)
    cycles, vus = [], set()
    for premier in sorted(creneaux, key=lambda c: c.debut):
        cycle = [premier]
        for rang in range(1, SEANCES_PAR_CYCLE):
            semaine = par_semaine.get(lundi_de(premier.debut) + datetime.timedelta(weeks=rang), [])
            if not semaine:
                break
            vise = premier.debut + datetime.timedelta(weeks=rang)
            cycle.append(min(semaine, key=lambda c: (abs(c.debut - vise), c.debut)))
        cle = tuple(c.pk for c in cycle)
        if len(cycle) == SEANCES_PAR_CYCLE and cycle[-1].debut - premier.debut <= DUREE_MAX_CYCLE and cle not in vus:
            vus.add(cle)
            cycles.append(cycle)
    return cycles


def valeur_de_cycle(mentor_id: int, creneaux: list[Creneau]) -> str:
    """How a proposed cycle travels in a form: the mentor, then the four slots."""
    return f"{mentor_id}:" + ",".join(str(c.pk) for c in creneaux)


def offre_de_mentorat(type_mentorat, *, demandeur=None, mentor_en_premier=None) -> list[dict]:
    """The mentors offering a kind of mentorat, each with the cycles their free slots allow (one query).

    Each entry: `mentor` and `cycles`, a list of {`valeur`, `seances`, `regulier` (same weekday and time
    every week), `meme_lieu`}; mentors without a whole cycle are left out; `mentor_en_premier` (the mentor of
    a cycle just missed) comes first.
    """
    par_mentor: dict[int, dict] = {}
    for creneau in creneaux_libres(type_mentorat, sauf_mentor=demandeur):
        par_mentor.setdefault(creneau.mentor_id, {"mentor": creneau.mentor, "creneaux": []})["creneaux"].append(creneau)
    offre = []
    for mentor_id, bloc in par_mentor.items():
        cycles = [
            {"valeur": valeur_de_cycle(mentor_id, cycle), "seances": cycle,
             "regulier": len({timezone.localtime(c.debut).strftime("%w %H:%M") for c in cycle}) == 1,
             "meme_lieu": len({c.lieu for c in cycle}) == 1}
            for cycle in cycles_possibles(bloc["creneaux"])
        ]
        if cycles:
            offre.append({"mentor": bloc["mentor"], "cycles": cycles})
    if mentor_en_premier is not None:
        offre.sort(key=lambda bloc: bloc["mentor"].pk != mentor_en_premier.pk)
    return offre


def creneaux_choisis(mentor_id: int, ids: list[int]) -> tuple[Personne | None, list[Creneau]]:
    """The mentor and the slots a form names; unknown ones are simply missing."""
    mentor = Personne.objects.filter(pk=mentor_id).first()
    return mentor, list(Creneau.objects.filter(pk__in=ids).select_related("mentor"))


def _cycles_avec_seances() -> QuerySet[Cycle]:
    """Cycles with both people, their séances in order, and the dates of their first and last live séance."""
    actives = Q(reservations__annulee_le__isnull=True)
    return (
        Cycle.objects.select_related("demandeur", "mentor")
        .prefetch_related(
            Prefetch("reservations", queryset=Reservation.objects.select_related("creneau").order_by("creneau__debut"))
        )
        .annotate(
            premiere_seance=Min("reservations__creneau__debut"),
            fin_derniere_seance=Max("reservations__creneau__fin", filter=actives),
        )
    )


def cycles_de(demandeur) -> QuerySet[Cycle]:
    """The cycles a person booked, the most recent first, with their séances."""
    return _cycles_avec_seances().filter(demandeur=demandeur).order_by("-premiere_seance", "-pk")


def cycles_avec(mentor) -> QuerySet[Cycle]:
    """The cycles booked with a mentor, the most recent first: demandeurs, besoins and séances."""
    return _cycles_avec_seances().filter(mentor=mentor).order_by("-premiere_seance", "-pk")


def cycles_tous(*, type_mentorat=None) -> QuerySet[Cycle]:
    """Every cycle, for the coaches, the most recent first, optionally of one kind."""
    cycles = _cycles_avec_seances().order_by("-premiere_seance", "-pk")
    return cycles.filter(type=type_mentorat) if type_mentorat else cycles


def cycle_avec_seances(pk) -> Cycle | None:
    """One cycle with both people and its séances, for its page."""
    return _cycles_avec_seances().filter(pk=pk).first()


def reservation_avec_cycle(pk) -> Reservation | None:
    """One séance with its slot and its cycle, to cancel it."""
    return Reservation.objects.select_related("creneau", "cycle").filter(pk=pk).first()


def creneaux_a_venir_de(mentor) -> QuerySet[Creneau]:
    """A mentor's slots to come, each with its live reservation and the demandeur holding it."""
    return (
        Creneau.objects.filter(moments_lisibles(), mentor=mentor, fin__gt=timezone.now())
        .prefetch_related(
            Prefetch(
                "reservations",
                queryset=Reservation.objects.filter(annulee_le__isnull=True).select_related("cycle__demandeur"),
                to_attr="reservations_actives",
            )
        )
        .order_by("debut")
    )


def creneau(pk) -> Creneau | None:
    """One slot, to withdraw it."""
    return Creneau.objects.filter(pk=pk).first()


def dispositifs_du_mentorat() -> dict[str, Dispositif]:
    """The three mentorat dispositifs of the catalogue, in the coaches' words, by kind."""
    par_slug = {d.slug: d for d in Dispositif.objects.filter(slug__in=DISPOSITIFS_MENTORAT.values())}
    return {cle: par_slug.get(slug) for cle, slug in DISPOSITIFS_MENTORAT.items()}


def cycle_en_cours_de(demandeur) -> Cycle | None:
    """The person's cycle not cancelled and not over (the soonest when several), with its mentor and
    `prochaine_seance` (the start of its next live séance), or None: what their home shows."""
    maintenant = timezone.now()
    a_venir = Q(reservations__annulee_le__isnull=True, reservations__creneau__fin__gt=maintenant)
    return (
        Cycle.objects.filter(demandeur=demandeur, annule_le__isnull=True).select_related("mentor")
        .annotate(prochaine_seance=Min("reservations__creneau__debut", filter=a_venir))
        .filter(prochaine_seance__isnull=False).order_by("prochaine_seance", "pk").first()
    )


def creneaux_a_venir_en_bref(mentor) -> dict:
    """A mentor's slots not over yet, in figures: `total`, `reserves` (held by a cycle), `libres`, and
    `prochain` (the start of the next one, or None)."""
    compte = Creneau.objects.filter(moments_lisibles(), mentor=mentor, fin__gt=timezone.now()).aggregate(
        total=Count("pk"), reserves=Count("pk", filter=Exists(_reservation_active())), prochain=Min("debut"),
    )
    return {**compte, "libres": compte["total"] - compte["reserves"]}
