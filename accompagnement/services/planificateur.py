"""The planner: a promotion's ten-month calendar of sessions, drafted from the catalogue's cadences and the
phase dates, for the coaches to review before they publish it.

Every session falls on a working day (never a weekend or a French public holiday), at office hours, and
never overlaps another planned session of the promotion, so that no coach is expected in two places.
"""

import datetime
import math
from dataclasses import dataclass

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from defis.models import Defi
from programme.dates import de_mois, mois_en_clair
from programme.models import Phase, Promotion

from ..crochets import session_enregistree
from ..models import Dispositif, Session

LUNDI, MARDI, MERCREDI, JEUDI = 0, 1, 2, 3
# The half-day ateliers' (start, end) and the four comités' starts, each day, in Paris time.
CRENEAUX_ATELIER = [(datetime.time(9, 0), datetime.time(13, 0)), (datetime.time(13, 30), datetime.time(17, 30))]
CRENEAUX_COMITE = [datetime.time(9, 30), datetime.time(11, 0), datetime.time(14, 0), datetime.time(15, 30)]
# Where in its phase the ateliers of a défi take place: one at a third, or two at a quarter and at 60 %.
POSITIONS_ATELIERS = {1: [0.35], 2: [0.25, 0.6]}


def jours_feries(annee: int) -> set[datetime.date]:
    """The French public holidays of a year."""
    paques = easter(annee)
    fixes = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    mobiles = [paques + datetime.timedelta(days=n) for n in (1, 39, 50)]
    return {datetime.date(annee, mois, jour) for mois, jour in fixes} | set(mobiles)


# When the two séminaires of the promotion fall: the planning page says it from these.
INTEGRATION_APRES_DEBUT_SEMAINES = 3
ACCELERATION_AVANT_FIN_MOIS = 2


def est_ouvre(jour: datetime.date) -> bool:
    """A working day of the programme: Monday to Friday, not a public holiday, not during the year-end break."""
    # Between Christmas Eve and New Year's Eve, teams and coaches are mostly away.
    treve = jour.month == 12 and jour.day >= 24
    return jour.weekday() < 5 and not treve and jour not in jours_feries(jour.year)


JOURS_DE_LA_SEMAINE = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def avertissement_jour_non_ouvre(debut: datetime.datetime) -> str | None:
    """What a coach reads after planning a session or a comité on a day the programme does not work (a week-end,
    a public holiday, the year-end break): a warning, not a refusal; None on a working day."""
    jour = timezone.localtime(debut).date() if timezone.is_aware(debut) else debut.date()
    if est_ouvre(jour):
        return None
    if jour.weekday() >= 5:
        raison = "un jour de week-end"
    elif jour in jours_feries(jour.year):
        raison = "un jour férié"
    else:
        raison = "pendant la trêve de fin d'année"
    quantieme = "1er" if jour.day == 1 else str(jour.day)
    return (f"Attention : le {JOURS_DE_LA_SEMAINE[jour.weekday()]} {quantieme} {mois_en_clair(jour)} est {raison}. "
            "Vérifiez que les participants seront disponibles, ou choisissez un jour ouvré.")


def jour_ouvre_a_partir(jour: datetime.date, *, jours_semaine=None) -> datetime.date:
    """The first working day on or after `jour`, among `jours_semaine` (0 = Monday) when given."""
    while not est_ouvre(jour) or (jours_semaine is not None and jour.weekday() not in jours_semaine):
        jour += datetime.timedelta(days=1)
    return jour


def deux_jours_ouvres_a_partir(jour: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Two consecutive working days, the first on or after `jour` (for the two-day séminaires)."""
    jour = jour_ouvre_a_partir(jour)
    while not est_ouvre(jour + datetime.timedelta(days=1)):
        jour = jour_ouvre_a_partir(jour + datetime.timedelta(days=1))
    return jour, jour + datetime.timedelta(days=1)


def _instant(jour: datetime.date, heure: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(jour, heure), timezone.get_default_timezone())


@dataclass
class SessionPrevue:
    """A session of the plan, before it is compared with what already exists."""

    dispositif: Dispositif
    titre: str
    debut: datetime.datetime
    fin: datetime.datetime
    audience: str
    phase: Phase | None = None
    defi: Defi | None = None
    lieu: str = ""

    @property
    def cle(self):
        return (self.dispositif.pk, self.phase.pk if self.phase else None, self.defi.pk if self.defi else None)


class Agenda:
    """The promotion's planned and existing sessions, to find free slots without overlaps."""

    def __init__(self, occupes):
        self.occupes = list(occupes)

    def libre(self, debut, fin) -> bool:
        return all(fin <= autre_debut or debut >= autre_fin for autre_debut, autre_fin in self.occupes)

    def reserver(self, debut, fin):
        self.occupes.append((debut, fin))


class Planificateur:
    """Builds the plan of one promotion; `prevoir()` returns every session it should have, in order."""

    def __init__(self, promotion: Promotion, agenda: Agenda):
        self.promotion = promotion
        self.agenda = agenda
        self.phases = list(promotion.phases.order_by("numero"))
        self.defis = list(Defi.objects.filter(promotion=promotion).order_by("titre", "pk"))
        self.dispositifs = {d.slug: d for d in Dispositif.objects.all()}
        self.prevues: list[SessionPrevue] = []

    def prevoir(self) -> list[SessionPrevue]:
        # Promotion-wide moments first: the ateliers and comités fit around them.
        self._seminaire("seminaire-integration", "Séminaire d'intégration",
                        self.promotion.date_debut + datetime.timedelta(weeks=INTEGRATION_APRES_DEBUT_SEMAINES))
        self._seminaire("seminaire-acceleration", "Séminaire d'accélération",
                        self.promotion.date_fin + datetime.timedelta(days=1)
                        - relativedelta(months=ACCELERATION_AVANT_FIN_MOIS))
        self._mensuelles()
        for phase in self.phases:
            self._seminaire_porteurs(phase)
        for phase in self.phases:
            self._comites(phase)
        for phase in self.phases:
            self._ateliers(phase)
        return sorted(self.prevues, key=lambda p: (p.debut, p.titre))

    def _phase_du(self, jour):
        return next((p for p in self.phases if p.contient(jour)), None)

    def _prevoir(self, slug, titre, debut, fin, audience, **champs):
        self.agenda.reserver(debut, fin)
        self.prevues.append(SessionPrevue(self.dispositifs[slug], titre[:200], debut, fin, audience, **champs))

    def _seminaire(self, slug, nom, jour):
        premier, second = deux_jours_ouvres_a_partir(jour)
        self._prevoir(slug, f"{nom} de la {self.promotion}", _instant(premier, datetime.time(9, 30)),
                      _instant(second, datetime.time(17, 30)), Session.Audience.PROMOTION,
                      phase=self._phase_du(premier))

    def _mensuelles(self):
        """A conférence every month (Thursday 17:00, in the fourth week if free), an expédition every other
        month (Tuesday morning)."""
        conference, expedition = self.dispositifs["conference"], self.dispositifs["expedition-apprenante"]
        for rang in range(10):
            debut_mois = self.promotion.date_debut + relativedelta(months=rang)
            if debut_mois > self.promotion.date_fin:
                break
            fin_mois = min(debut_mois + relativedelta(months=1) - datetime.timedelta(days=1), self.promotion.date_fin)
            libelle = de_mois(debut_mois)
            departs = [debut_mois + datetime.timedelta(weeks=n) for n in (3, 2, 1, 0)]
            creneau = self._creneau_libre(f"Conférence {libelle}", departs, fin_mois,
                                          [_horaire(datetime.time(17, 0), conference.duree_minutes)], [JEUDI])
            self._prevoir("conference", f"Conférence {libelle}", *creneau, Session.Audience.PROMOTION,
                          phase=self._phase_du(creneau[0].date()))
            if rang % 2 == 1:
                creneau = self._creneau_libre(f"Expédition apprenante {libelle}", [debut_mois], fin_mois,
                                              [_horaire(datetime.time(9, 30), expedition.duree_minutes)], [MARDI])
                self._prevoir("expedition-apprenante", f"Expédition apprenante {libelle}", *creneau,
                              Session.Audience.PROMOTION, phase=self._phase_du(creneau[0].date()))

    def _creneau_libre(self, nom, departs, jusqu_au, horaires, jours_semaine=None):
        """The first free (start, end) among `horaires` on a working day of `jours_semaine`, looking from
        each of `departs` in turn up to `jusqu_au`."""
        for depart in departs:
            jour = jour_ouvre_a_partir(depart, jours_semaine=jours_semaine)
            while jour <= jusqu_au:
                for heure_debut, heure_fin in horaires:
                    debut, fin = _instant(jour, heure_debut), _instant(jour, heure_fin)
                    if self.agenda.libre(debut, fin):
                        return debut, fin
                jour = jour_ouvre_a_partir(jour + datetime.timedelta(days=1), jours_semaine=jours_semaine)
        raise ValidationError(f"Aucun créneau libre pour « {nom} » jusqu'au {jusqu_au:%d/%m/%Y} : "
                              "libérez des dates ou planifiez cette session à la main.")

    def _seminaire_porteurs(self, phase):
        """A half-day for porteurs and sponsors in the middle of each phase, on a Wednesday morning."""
        nom = f"Séminaire porteurs – phase {phase.numero} : {phase.nom}"
        milieu = phase.date_debut + (phase.date_fin - phase.date_debut) / 2
        creneau = self._creneau_libre(nom, [milieu, phase.date_debut], phase.date_fin, [
            _horaire(datetime.time(9, 30), self.dispositifs["seminaire-porteurs"].duree_minutes)], [MERCREDI])
        self._prevoir("seminaire-porteurs", nom, *creneau, Session.Audience.PORTEURS, phase=phase)

    def _comites(self, phase):
        """Each défi's comité d'évaluation in the phase's last working days, four a day, in order."""
        duree = self.dispositifs["comite-evaluation"].duree_minutes
        for defi, (debut, fin) in zip(self.defis, creneaux_de_comites(phase, len(self.defis), self.agenda, duree)):
            self._prevoir("comite-evaluation", f"Comité d'évaluation – phase {phase.numero} – {defi.titre}",
                          debut, fin, Session.Audience.DEFI, phase=phase, defi=defi, lieu="En ligne")

    def _ateliers(self, phase):
        """One atelier per défi in a two-month phase, two in a three-month phase, on free half-days."""
        nombre = 2 if phase.duree_mois >= 3 else 1
        longueur = (phase.date_fin - phase.date_debut).days
        for rang, position in enumerate(POSITIONS_ATELIERS[nombre], start=1):
            cible = phase.date_debut + datetime.timedelta(days=math.floor(longueur * position))
            numero = f" n° {rang}" if nombre > 1 else ""
            for defi in self.defis:
                nom = f"Atelier collaboratif{numero} – phase {phase.numero} – {defi.titre}"
                creneau = self._creneau_libre(nom, [cible, phase.date_debut], phase.date_fin, CRENEAUX_ATELIER)
                self._prevoir("atelier-collaboratif", nom, *creneau, Session.Audience.DEFI, phase=phase, defi=defi,
                              lieu=defi.lieu or defi.ville or "Dans l'administration d'accueil")


def creneaux_de_comites(phase: Phase, nombre: int, agenda: Agenda, duree: int) -> list[tuple]:
    """`nombre` free (start, end) slots of `duree` minutes for comités, in the phase's last working days (four a
    day, one after the other, so that the same two coaches can sit on all of them), from the earliest; each is
    reserved in `agenda`."""
    # Walk back from the phase's end until there are enough free slots, then fill them from the first.
    creneaux, jour = [], phase.date_fin
    while len(creneaux) < nombre and jour >= phase.date_debut:
        if est_ouvre(jour):
            libres = [(_instant(jour, debut), _instant(jour, fin))
                      for debut, fin in (_horaire(heure, duree) for heure in CRENEAUX_COMITE)]
            creneaux = [c for c in libres if agenda.libre(*c)] + creneaux
        jour -= datetime.timedelta(days=1)
    if len(creneaux) < nombre:
        raise ValidationError(f"La phase {phase.numero} n'a pas assez de créneaux libres pour les comités "
                              "d'évaluation de tous les défis.")
    creneaux = creneaux[:nombre]
    for creneau in creneaux:
        agenda.reserver(*creneau)
    return creneaux


def creneaux_libres_de_comites(promotion: Promotion, phase: Phase, nombre: int, duree: int) -> list[tuple]:
    """`nombre` comité slots at the end of `phase` that overlap none of the promotion's sessions (cancelled ones
    aside): what the coaches' board uses to date the comités it creates."""
    occupes = (Session.objects.filter(promotion=promotion).exclude(statut=Session.Statut.ANNULEE)
               .values_list("debut", "fin"))
    return creneaux_de_comites(phase, nombre, Agenda(occupes), duree)


def _horaire(heure: datetime.time, minutes: int) -> tuple[datetime.time, datetime.time]:
    """(start, end) times of a session of `minutes` starting at `heure`, within the day."""
    fin = datetime.datetime.combine(datetime.date.min, heure) + datetime.timedelta(minutes=minutes)
    return heure, fin.time()


@transaction.atomic
def calendrier_planifier(promotion: Promotion) -> list[Session]:
    """Draft the promotion's calendar from the catalogue: séminaires d'intégration (3 weeks in) and
    d'accélération (2 months before the end), a conférence a month, an expédition every other month, one
    séminaire porteurs per phase, one or two ateliers collaboratifs per défi and phase, each défi's comité
    d'évaluation at the end of each phase.

    Idempotent: the plan is made of groups — a dispositif in a phase, for a défi or the whole promotion.
    A group that already has a session (draft, published or cancelled) is left alone: a new run never
    duplicates anything, it only fills the groups still empty — a new défi's ateliers and comités, or a
    group whose every draft the coaches deleted. Returns the drafts it created.
    """
    promotion = Promotion.objects.select_for_update().get(pk=promotion.pk)
    if not promotion.date_debut or not promotion.date_fin:
        raise ValidationError("Renseignez les dates de la promotion avant de planifier son calendrier.")
    if promotion.phases.filter(date_debut__isnull=True).exists():
        raise ValidationError("Renseignez les dates des quatre phases avant de planifier le calendrier.")
    existantes = list(Session.objects.filter(promotion=promotion)
                      .values_list("dispositif_id", "phase_id", "defi_id", "statut", "debut", "fin"))
    groupes_existants = {(d, p, f) for d, p, f, *_reste in existantes}
    occupes = [(debut, fin) for *_cle, statut, debut, fin in existantes if statut != Session.Statut.ANNULEE]
    plan = Planificateur(promotion, Agenda(occupes)).prevoir()
    nouvelles = [
        Session(
            promotion=promotion, dispositif=prevue.dispositif, phase=prevue.phase, defi=prevue.defi,
            titre=prevue.titre, debut=prevue.debut, fin=prevue.fin, audience=prevue.audience, lieu=prevue.lieu,
            statut=Session.Statut.BROUILLON,
        )
        for prevue in plan if prevue.cle not in groupes_existants
    ]
    creees = Session.objects.bulk_create(nouvelles)
    for session in creees:
        session_enregistree.send(sender=Session, session=session)
    return creees
