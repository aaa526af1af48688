"""Reads for the coaches' follow-up of a promotion, where no other selector says it: attendance at the sessions
(per dispositif, the sessions few came to, the EIG absent from their last sessions), the EIG silent in the last
météos, and those who received neither mentorat nor heures d'accélération over a period.

Each read is a fixed number of queries whatever the size of the promotion (the coaches' dashboard relies on it).
"""

import datetime

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from defis.models import MembreEquipe
from programme.dates import PARIS, moments_lisibles
from programme.models import Personne, Promotion, Role

from ..models import HeureAcceleration, Inscription, ReponseMeteo, Reservation, Session, VagueMeteo

# Below this share (in %) of the registered people who came, a past session deserves the coaches' look.
SEUIL_PRESENCE = 50
# An EIG absent from this many of their last sessions in a row (registered, attendance taken) is one to call.
ABSENCES_DE_SUITE = 2
# An EIG who answered none of the promotion's last rounds, this many, is one to call.
METEOS_SANS_REPONSE = 2


def _eig_de(promotion: Promotion):
    return Role.objects.filter(promotion=promotion, type=Role.Type.EIG).values("personne_id")


def _pointees(promotion: Promotion, maintenant: datetime.datetime) -> QuerySet[Inscription]:
    """The registrations to the promotion's past sessions (not cancelled) whose attendance was taken."""
    return Inscription.objects.filter(
        session__promotion=promotion, session__debut__lt=maintenant, statut=Inscription.Statut.INSCRITE,
        present__isnull=False,
    ).exclude(session__statut=Session.Statut.ANNULEE)


def presence_par_dispositif(promotion: Promotion, maintenant: datetime.datetime | None = None) -> list[dict]:
    """Each dispositif whose past sessions of the promotion had their attendance taken, in the catalogue's order:
    `nom`, `sessions`, `inscrites` (registered, attendance taken), `presentes` and `taux` (present, in %)."""
    lignes = (
        _pointees(promotion, maintenant or timezone.now())
        .values(nom=F("session__dispositif__nom"), ordre=F("session__dispositif__ordre"))
        .annotate(sessions=Count("session", distinct=True), inscrites=Count("pk"),
                  presentes=Count("pk", filter=Q(present=True)))
        .order_by("ordre", "nom")
    )
    return [{**ligne, "taux": round(100 * ligne["presentes"] / ligne["inscrites"])} for ligne in lignes]


def sessions_peu_suivies(promotion: Promotion, seuil: int = SEUIL_PRESENCE,
                         maintenant: datetime.datetime | None = None) -> list[Session]:
    """The promotion's past sessions (not cancelled) whose attendance was taken and where fewer than `seuil` % of
    the registered people came, most recent first, each with its dispositif, `inscrites`, `presentes`, `taux`.

    The registrations are counted from the promotion's past sessions (its index), then only the sessions found
    are read: grouping the sessions themselves made PostgreSQL walk the whole table of sessions (100 ms to 27 ms
    for a promotion of 300 EIG at national scale)."""
    passees = (Session.objects.filter(moments_lisibles(), promotion=promotion, debut__lt=maintenant or timezone.now())
               .exclude(statut=Session.Statut.ANNULEE))
    comptes = {
        ligne["session"]: ligne for ligne in
        Inscription.objects.filter(session__in=passees.values("pk"), statut=Inscription.Statut.INSCRITE,
                                   present__isnull=False)
        .values("session").annotate(inscrites=Count("pk"), presentes=Count("pk", filter=Q(present=True)))
        .alias(ecart=F("inscrites") * seuil - F("presentes") * 100).filter(ecart__gt=0).order_by()
    }
    sessions = list(Session.objects.filter(pk__in=list(comptes)).select_related("dispositif").order_by("-debut", "-pk"))
    for session in sessions:
        session.inscrites, session.presentes = comptes[session.pk]["inscrites"], comptes[session.pk]["presentes"]
        session.taux = round(100 * session.presentes / session.inscrites)
    return sessions


def absents_des_dernieres_sessions(promotion: Promotion, nombre: int = ABSENCES_DE_SUITE,
                                   maintenant: datetime.datetime | None = None) -> list[dict]:
    """The promotion's EIG absent from each of the last `nombre` sessions of the promotion they were registered
    to and whose attendance was taken, by name: [{"personne", "sessions"}], sessions most recent first.

    The last registrations of each EIG are ranked as bare numbers; only the absent people and their sessions are
    then read whole (a promotion of 300 EIG: 600 rows ranked, a handful read)."""
    rang = Window(RowNumber(), partition_by=[F("personne_id")],
                  order_by=[F("session__debut").desc(), F("session_id").desc()])
    dernieres = (
        _pointees(promotion, maintenant or timezone.now())
        .filter(personne__in=_eig_de(promotion), personne__is_active=True)
        .annotate(rang=rang).filter(rang__lte=nombre)
        .order_by("personne_id", "rang").values_list("personne_id", "session_id", "present")
    )
    par_personne: dict[int, list[tuple[int, bool]]] = {}
    for personne_id, session_id, present in dernieres:
        par_personne.setdefault(personne_id, []).append((session_id, present))
    absences = {personne_id: [session_id for session_id, _ in lignes] for personne_id, lignes in par_personne.items()
                if len(lignes) == nombre and not any(present for _, present in lignes)}
    personnes = Personne.objects.in_bulk(list(absences))
    sessions = Session.objects.in_bulk([pk for pks in absences.values() for pk in pks])
    absents = [{"personne": personnes[personne_id], "sessions": [sessions[pk] for pk in pks]}
               for personne_id, pks in absences.items()]
    return sorted(absents, key=lambda a: (a["personne"].nom_usage, a["personne"].prenom, a["personne"].pk))


def vagues_closes(promotion: Promotion, nombre: int, maintenant: datetime.datetime | None = None) -> list[VagueMeteo]:
    """The promotion's last `nombre` rounds closed (or past their closing time), most recent first."""
    maintenant = maintenant or timezone.now()
    return list(VagueMeteo.objects.filter(promotion=promotion)
                .filter(Q(cloturee_le__isnull=False) | Q(fermee_le__lte=maintenant)).order_by("-date")[:nombre])


def eig_sans_reponse_aux_dernieres_meteos(promotion: Promotion, nombre: int = METEOS_SANS_REPONSE,
                                          maintenant: datetime.datetime | None = None) -> list[Personne]:
    """The active EIG invited to each of the promotion's last `nombre` closed rounds who answered none of them, by
    name; nobody while the promotion has fewer closed rounds."""
    vagues = vagues_closes(promotion, nombre, maintenant)
    if len(vagues) < nombre:
        return []
    manquees = ReponseMeteo.objects.filter(vague__in=vagues, repondue_le__isnull=True)
    return list(
        Personne.objects.filter(is_active=True, reponses_meteo__in=manquees)
        .annotate(manquees=Count("reponses_meteo", distinct=True)).filter(manquees=nombre)
        .order_by("nom_usage", "prenom", "pk")
    )


def _debut_a_paris(jour: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(jour, datetime.time.min, tzinfo=PARIS)


def eig_sans_mentorat_ni_heures(promotion: Promotion, debut: datetime.date, fin: datetime.date) -> list[Personne]:
    """The promotion's active EIG who, from `debut` to `fin` (both included), had no séance of mentorat (a live
    slot of a cycle they booked) and whose défis received no heure d'accélération; by name, each with
    `equipes_promotion` (their teams in the promotion)."""
    seances = Reservation.objects.filter(
        cycle__demandeur=OuterRef("pk"), cycle__annule_le__isnull=True, annulee_le__isnull=True,
        creneau__debut__gte=_debut_a_paris(debut),
        creneau__debut__lt=_debut_a_paris(fin + datetime.timedelta(days=1)),
    )
    heures = HeureAcceleration.objects.filter(
        defi__membres__personne=OuterRef("pk"), defi__membres__role=MembreEquipe.Role.EIG,
        defi__promotion=promotion, date__gte=debut, date__lte=fin,
    )
    return list(
        Personne.objects.filter(pk__in=_eig_de(promotion), is_active=True)
        .filter(~Exists(seances), ~Exists(heures))
        .prefetch_related(_equipes(promotion))
        .order_by("nom_usage", "prenom", "pk")
    )


def _equipes(promotion: Promotion):
    return Prefetch("equipes", to_attr="equipes_promotion",
                    queryset=MembreEquipe.objects.filter(defi__promotion=promotion).select_related("defi"))
