"""Reads of the accompagnement: agenda.

A person's agenda gathers, on a period, the sessions they attend or facilitate and the mentorat slots they
booked or hold as a mentor, normalised into `Evenement` objects that the month grid, the list, the
répartition du temps and the iCalendar feed all share: what the pages show is exactly what the feed exports.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from dateutil.relativedelta import relativedelta
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from programme.dates import mois_precedent, mois_suivant, premier_du_mois

from ..models import Dispositif, Inscription, JetonAgenda, Reservation, Session, TypeMentorat
from ..models.sessions import hacher_jeton

# A session spread over several days (a two-day séminaire) counts at most a working day per day.
PLAFOND_PAR_JOUR = datetime.timedelta(hours=8)
# What an agenda entry shows of a session, and nothing heavier.
CHAMPS_SESSION = ["uid", "titre", "description", "debut", "fin", "lieu", "lien_visio", "statut", "motif_annulation",
                  "sequence", "dispositif"]
NOMS_MENTORAT = {TypeMentorat.MENTORAT: "Mentorat", TypeMentorat.INDIVIDUEL: "Mentorat individuel"}


@dataclass(frozen=True)
class Evenement:
    """One entry of a person's agenda, whatever it comes from (a session or a mentorat slot)."""

    uid: str
    titre: str
    debut: datetime.datetime
    fin: datetime.datetime
    famille: str
    dispositif: str
    lieu: str = ""
    lien: str = ""
    description: str = ""
    annule: bool = False
    en_attente: bool = False
    anime: bool = False
    sequence: int = 0
    url: str = ""
    url_ics: str = ""

    @property
    def famille_libelle(self):
        return Dispositif.Famille(self.famille).label

    @cached_property
    def debut_local(self):
        return timezone.localtime(self.debut)

    @cached_property
    def fin_local(self):
        return timezone.localtime(self.fin)

    @cached_property
    def mois(self):
        """The first day of the (local) month it starts in: the list groups events by it."""
        return premier_du_mois(self.debut_local.date())

    @property
    def est_mentorat(self):
        return self.uid.startswith("mentorat-")

    @property
    def compte(self):
        """Whether it counts in the répartition du temps: neither cancelled nor on a waiting list."""
        return not (self.annule or self.en_attente)

    def jours(self):
        """The local days it covers (an event ending at midnight does not cover the next day)."""
        premier = self.debut_local.date()
        dernier = (self.fin_local - datetime.timedelta(microseconds=1)).date()
        return [premier + datetime.timedelta(days=n) for n in range((dernier - premier).days + 1)]


def evenement_de_session(session, *, statut_inscription=None, anime=False) -> Evenement:
    """The agenda entry of a session, for a person with that registration status (or none)."""
    annulee = session.statut == Session.Statut.ANNULEE
    description = session.description
    if annulee:
        description = f"Session annulée : {session.motif_annulation}\n\n{description}".strip()
    return Evenement(
        uid=f"session-{session.uid}@magellan",
        titre=session.titre,
        debut=session.debut,
        fin=session.fin,
        famille=session.dispositif.famille,
        dispositif=session.dispositif.nom,
        lieu=session.lieu,
        lien=session.lien_visio,
        description=description,
        annule=annulee,
        en_attente=statut_inscription == Inscription.Statut.ATTENTE and not anime,
        anime=anime,
        sequence=session.sequence,
        url=reverse("session", kwargs={"pk": session.pk}),
        url_ics=reverse("session_ics", kwargs={"pk": session.pk}),
    )


def evenement_de_session_pour(session, personne) -> Evenement:
    """The entry of one session as `personne` sees it (on the waiting list, facilitating), for its .ics."""
    return evenement_de_session(
        session,
        statut_inscription=session.inscriptions.filter(personne=personne).values_list("statut", flat=True).first(),
        anime=session.facilitateurs.filter(pk=personne.pk).exists(),
    )


def _evenement_de_reservation(reservation, personne) -> Evenement:
    cycle, creneau = reservation.cycle, reservation.creneau
    nom = NOMS_MENTORAT.get(cycle.type, "Mentorat")
    est_mentor = cycle.mentor_id == personne.pk and cycle.demandeur_id != personne.pk
    autre = cycle.demandeur if est_mentor else cycle.mentor
    est_un_lien = creneau.lieu.startswith(("https://", "http://"))
    return Evenement(
        uid=f"mentorat-{reservation.pk}@magellan",
        titre=f"{nom} avec {autre}",
        debut=creneau.debut,
        fin=creneau.fin,
        famille=Dispositif.Famille.INDIVIDUEL,
        dispositif=nom,
        lieu="" if est_un_lien else creneau.lieu,
        lien=creneau.lieu if est_un_lien else "",
        description=f"{nom} : une séance du cycle de {cycle.demandeur} avec {cycle.mentor}.",
        annule=reservation.annulee_le is not None,
        anime=est_mentor,
        sequence=reservation.sequence,
        url=reverse("mentorat_cycle", kwargs={"pk": cycle.pk}),
    )


def evenements_de(personne, debut, fin) -> list[Evenement]:
    """Everything in a person's agenda that overlaps [debut, fin), sorted by start, in three queries.

    Sessions: published or cancelled ones where the person is registered (or on the waiting list, marked as
    such) or that they facilitate. Mentorat: the slots of their cycles and, for a mentor, the slots booked
    with them; cancelled ones stay, marked, so that calendars subscribed to the feed remove them.
    Each query starts from the person's own rows (answers, facilitations, cycles), so that its time follows
    their sessions, not every session of the country in the period.
    """
    dans_la_fenetre = {"session__statut__in": [Session.Statut.PUBLIEE, Session.Statut.ANNULEE],
                       "session__debut__lt": fin, "session__fin__gt": debut}
    champs = [f"session__{nom}" for nom in CHAMPS_SESSION] + ["session__dispositif__nom",
                                                              "session__dispositif__famille"]
    sessions = {}
    for inscription in (
        Inscription.objects.filter(personne=personne, statut__in=[Inscription.Statut.INSCRITE,
                                                                  Inscription.Statut.ATTENTE], **dans_la_fenetre)
        .select_related("session__dispositif").only("statut", *champs).order_by()
    ):
        sessions[inscription.session_id] = (inscription.session, inscription.statut, False)
    for animee in (
        Session.facilitateurs.through.objects.filter(personne_id=personne.pk, **dans_la_fenetre)
        .select_related("session__dispositif").only("session_id", *champs).order_by()
    ):
        session, statut, _ = sessions.get(animee.session_id, (animee.session, None, True))
        sessions[animee.session_id] = (session, statut, True)
    reservations = (
        Reservation.objects.filter(creneau__debut__lt=fin, creneau__fin__gt=debut)
        .filter(Q(cycle__demandeur=personne) | Q(cycle__mentor=personne))
        .select_related("creneau", "cycle__demandeur", "cycle__mentor")
    )
    evenements = [
        evenement_de_session(session, statut_inscription=statut, anime=anime)
        for session, statut, anime in sessions.values()
    ] + [_evenement_de_reservation(r, personne) for r in reservations]
    return sorted(evenements, key=lambda e: (e.debut, e.fin, e.titre))


def evenements_a_venir(personne, maintenant=None) -> list[Evenement]:
    """The person's events not yet over, for the next twelve months: the agenda's list."""
    maintenant = maintenant or timezone.now()
    return evenements_de(personne, maintenant, maintenant + relativedelta(months=12))


def fenetre_du_flux(maintenant=None) -> tuple[datetime.datetime, datetime.datetime]:
    """What the iCalendar feed covers: from three months back to twelve months ahead."""
    maintenant = maintenant or timezone.now()
    return maintenant - relativedelta(months=3), maintenant + relativedelta(months=12)


def personne_du_jeton(jeton: str):
    """The active person whose feed secret this is, or None (unknown, regenerated or deactivated)."""
    trouve = (
        JetonAgenda.objects.select_related("personne")
        .filter(jeton_hache=hacher_jeton(jeton), personne__is_active=True)
        .first()
    )
    return trouve.personne if trouve else None


def jeton_agenda_de(personne):
    """The person's feed secret record (hashed), or None before their first visit of the subscription page."""
    return JetonAgenda.objects.filter(personne=personne).first()


# The month view and the répartition du temps.

@dataclass
class Jour:
    date: datetime.date
    dans_le_mois: bool
    aujourdhui: bool
    evenements: list = field(default_factory=list)


@dataclass
class LigneRepartition:
    famille: str
    libelle: str
    nombre: int = 0
    minutes: int = 0
    part: float = 0.0

    @property
    def heures(self):
        return duree_lisible(self.minutes)


@dataclass
class MoisAgenda:
    mois: datetime.date
    precedent: datetime.date
    suivant: datetime.date
    jours_semaine: list
    semaines: list
    evenements: list
    repartition: list
    total_minutes: int

    @property
    def total_heures(self):
        return duree_lisible(self.total_minutes)

    @property
    def total_nombre(self):
        return sum(ligne.nombre for ligne in self.repartition)


def duree_lisible(minutes: int) -> str:
    """« 3 h », « 1 h 30 », « 0 h 45 »: how French calendars write a duration."""
    heures, reste = divmod(minutes, 60)
    return f"{heures} h {reste:02d}" if reste else f"{heures} h"


def _debut_du_jour(jour: datetime.date):
    return timezone.make_aware(datetime.datetime.combine(jour, datetime.time.min))


def minutes_comptees(evenement: Evenement, debut, fin) -> int:
    """Its minutes within [debut, fin), each local day counting at most PLAFOND_PAR_JOUR."""
    total = datetime.timedelta()
    for jour in evenement.jours():
        borne_basse = max(evenement.debut, debut, _debut_du_jour(jour))
        borne_haute = min(evenement.fin, fin, _debut_du_jour(jour + datetime.timedelta(days=1)))
        if borne_haute > borne_basse:
            total += min(borne_haute - borne_basse, PLAFOND_PAR_JOUR)
    return int(total.total_seconds() // 60)


def repartition_du_temps(evenements, debut, fin) -> list[LigneRepartition]:
    """Hours per family of dispositif within [debut, fin), every family listed, cancelled and waiting-list
    events left out; `part` is each family's share of the total, for the chart."""
    lignes = {famille: LigneRepartition(famille, libelle) for famille, libelle in Dispositif.Famille.choices}
    for evenement in evenements:
        minutes = minutes_comptees(evenement, debut, fin) if evenement.compte else 0
        if minutes:
            lignes[evenement.famille].nombre += 1
            lignes[evenement.famille].minutes += minutes
    total = sum(ligne.minutes for ligne in lignes.values())
    for ligne in lignes.values():
        ligne.part = round(100 * ligne.minutes / total, 1) if total else 0.0
    return list(lignes.values())


def agenda_du_mois(personne, mois: datetime.date, aujourdhui=None) -> MoisAgenda:
    """A month of a person's agenda: weeks from Monday to Friday (Saturday and Sunday too when something
    happens then), the days of the neighbouring months that complete a week, and the month's répartition."""
    aujourdhui = aujourdhui or timezone.localdate()
    mois = premier_du_mois(mois)
    dernier = mois_suivant(mois) - datetime.timedelta(days=1)
    debut_grille = mois - datetime.timedelta(days=mois.weekday())
    fin_grille = dernier + datetime.timedelta(days=6 - dernier.weekday())
    evenements = evenements_de(personne, _debut_du_jour(debut_grille),
                               _debut_du_jour(fin_grille + datetime.timedelta(days=1)))
    par_jour = {}
    for evenement in evenements:
        for jour in evenement.jours():
            par_jour.setdefault(jour, []).append(evenement)
    week_end = any(j.weekday() >= 5 and mois <= j <= dernier for j in par_jour)
    jours_semaine = list(range(7 if week_end else 5))
    semaines = []
    for lundi in (debut_grille + datetime.timedelta(weeks=n) for n in range((fin_grille - debut_grille).days // 7 + 1)):
        jours = [lundi + datetime.timedelta(days=n) for n in jours_semaine]
        if any(mois <= jour <= dernier for jour in jours):
            semaines.append([
                Jour(jour, mois <= jour <= dernier, jour == aujourdhui, par_jour.get(jour, [])) for jour in jours
            ])
    debut_mois, fin_mois = _debut_du_jour(mois), _debut_du_jour(dernier + datetime.timedelta(days=1))
    repartition = repartition_du_temps(evenements, debut_mois, fin_mois)
    return MoisAgenda(
        mois=mois,
        precedent=mois_precedent(mois),
        suivant=mois_suivant(mois),
        jours_semaine=jours_semaine,
        semaines=semaines,
        evenements=[e for e in evenements if e.debut < fin_mois and e.fin > debut_mois],
        repartition=repartition,
        total_minutes=sum(ligne.minutes for ligne in repartition),
    )
