"""The coaches' dashboard of a promotion, read from each app's selectors (DESIGN §4): where the promotion is, whom
to talk to this week and why, its comités, météo, carnets, heures, attendance, bureau d'aide and groups.

`tableau_de_bord(promotion)` makes it in a fixed number of queries whatever the size of the data; the homes of
the coaches may call it too. Charts are drawn by the templates from the integer coordinates computed here.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accompagnement.selectors import bureau as selectors_bureau
from accompagnement.selectors import carnet as selectors_carnet
from accompagnement.selectors import groupes as selectors_groupes
from accompagnement.selectors import heures as selectors_heures
from accompagnement.selectors import meteo as selectors_meteo
from accompagnement.selectors import pilotage
from evaluations.selectors import StatutRapport, StatutSupport, tableau_comites
from programme.dates import de_mois, premier_du_mois
from programme.models import Promotion

from .selectors_arrivee import parcours_de_la_promotion

# The requests of the bureau d'aide's queue shown on the dashboard; the whole queue is one link away.
DEMANDES_AFFICHEES = 10
# The people or teams to talk to first shown on the dashboard; all of them, and those to remind, are on their page.
A_PREVENIR_AFFICHES = 5
# The parts of the dashboard shown in full on a page of their own, linked from it: address and title.
VOLETS = {
    "a-qui-parler": "À qui parler cette semaine",
    "parcours": "Parcours d'arrivée",
    "heures": "Heures d'accélération du mois",
    "presence": "Présence aux sessions",
}
# The width of the phase timeline's drawing, in SVG units.
LARGEUR_FRISE = 1000
LIBELLES_SUPPORT = dict(StatutSupport.CHOIX)
LIBELLES_RAPPORT = dict(StatutRapport.CHOIX)
ECHEANCE = "j F Y à H\\hi"


# How urgent each kind of reason is, most urgent first; the last ones are reminders rather than worries.
ALERTE, SUPPORT_EN_RETARD, SILENCE, ABSENCES, SANS_ACCOMPAGNEMENT, SANS_CARNET = range(6)
A_RELANCER = SANS_ACCOMPAGNEMENT


@dataclass
class Raison:
    """Why to talk to someone (`priorite`: one of the kinds above), and the page where the coach acts on it."""

    texte: str
    url: str
    action: str
    priorite: int


@dataclass
class APrevenir:
    """A person (or a défi's team) to talk to this week, with every reason found."""

    qui: str
    precision: str
    raisons: list[Raison] = field(default_factory=list)

    @property
    def priorite(self) -> int:
        return min(raison.priorite for raison in self.raisons)


@dataclass
class Barre:
    """One bar of a chart: its label, its length in % of the chart's width, its value in words."""

    libelle: str
    longueur: int
    texte: str
    alerte: bool = False


@dataclass
class SegmentFrise:
    phase: object
    x: int
    largeur: int
    en_cours: bool
    passee: bool


@dataclass
class Frise:
    """The phases on a line from the promotion's first day to its last, and today's place on it (None outside)."""

    segments: list[SegmentFrise]
    aujourd_hui: datetime.date
    x_aujourd_hui: int | None


def url_du_tableau(promotion: Promotion | None = None) -> str:
    """The dashboard's address, showing `promotion` when given (its default promotion otherwise)."""
    url = reverse("tableau_de_bord")
    return f"{url}?promotion={promotion.pk}" if promotion else url


def url_du_volet(volet: str, promotion: Promotion) -> str:
    """The address of the dashboard's part `volet` (a key of `VOLETS`) for `promotion`."""
    return f"{reverse('tableau_de_bord_volet', args=[volet])}?promotion={promotion.pk}"


def _frise(promotion: Promotion, jour: datetime.date) -> Frise | None:
    phases = [phase for phase in promotion.phases.all() if phase.date_debut and phase.date_fin]
    if not phases:
        return None
    premier = min(phase.date_debut for phase in phases)
    dernier = max(phase.date_fin for phase in phases) + datetime.timedelta(days=1)
    total = (dernier - premier).days

    def x(jour_):
        return round(LARGEUR_FRISE * (jour_ - premier).days / total)

    segments = [
        SegmentFrise(phase=phase, x=x(phase.date_debut),
                     largeur=x(phase.date_fin + datetime.timedelta(days=1)) - x(phase.date_debut),
                     en_cours=phase.contient(jour), passee=phase.date_fin < jour)
        for phase in sorted(phases, key=lambda p: p.numero)
    ]
    return Frise(segments=segments, aujourd_hui=jour, x_aujourd_hui=x(jour) if premier <= jour < dernier else None)


def _nom_et_defis(personne) -> tuple[str, str]:
    defis = ", ".join(equipe.defi.titre for equipe in getattr(personne, "equipes_promotion", []))
    return personne.nom_complet, defis


class _Liste:
    """The list of whom to talk to, one entry per person or team gathering all their reasons."""

    def __init__(self):
        self.entrees: dict[tuple, APrevenir] = {}

    def ajouter(self, cle, qui, precision, raison: Raison):
        entree = self.entrees.setdefault(cle, APrevenir(qui, precision))
        entree.precision = entree.precision or precision
        entree.raisons.append(raison)

    def triee(self) -> list[APrevenir]:
        """The most urgent first, then those with the most reasons, then by name."""
        for entree in self.entrees.values():
            entree.raisons.sort(key=lambda raison: raison.priorite)
        return sorted(self.entrees.values(), key=lambda e: (e.priorite, -len(e.raisons), e.qui.lower()))


def _a_prevenir(*, alertes, silencieux, sans_carnet, mois, absents, lignes_comites, phase,
                sans_accompagnement) -> list[APrevenir]:
    liste = _Liste()

    def personne(p, raison, precision=""):
        liste.ajouter(("personne", p.pk), p.nom_complet, precision, raison)

    for alerte in alertes:
        eig = alerte.reponse.eig
        personne(eig, Raison(
            f"Météo : {alerte.get_motif_display().lower()} (vague du {date_format(alerte.reponse.vague.date)})",
            reverse("meteo_eig", args=[eig.pk]), f"Météo — {eig.nom_complet}", ALERTE))
    for eig in silencieux:
        personne(eig, Raison(
            f"N'a répondu à aucune des {pilotage.METEOS_SANS_REPONSE} dernières météos",
            reverse("meteo_eig", args=[eig.pk]), f"Météo — {eig.nom_complet}", SILENCE))
    for eig in sans_carnet:
        nom, defis = _nom_et_defis(eig)
        personne(eig, Raison(
            f"Pas de carnet de bord {de_mois(mois)}", reverse("carnet_eig", args=[eig.pk]),
            f"Carnet de bord — {nom}", SANS_CARNET), defis)
    for absent in absents:
        eig, sessions = absent["personne"], absent["sessions"]
        titres = " ; ".join(f"« {session.titre} »" for session in sessions)
        personne(eig, Raison(
            f"Absence à ses {len(sessions)} dernières sessions ({titres})",
            reverse("session_emargement", args=[sessions[0].pk]), f"Émargement — {sessions[0].titre}", ABSENCES))
    for eig in sans_accompagnement:
        nom, defis = _nom_et_defis(eig)
        equipe = next(iter(getattr(eig, "equipes_promotion", [])), None)
        url = reverse("heures_defi", args=[equipe.defi.slug]) if equipe else reverse("mentorat_cycles")
        action = f"Heures reçues — {equipe.defi.titre}" if equipe else "Cycles de mentorat"
        personne(eig, Raison(f"Ni mentorat (tenu ou réservé) ni heures d'accélération reçues en phase {phase.numero}",
                             url, action, SANS_ACCOMPAGNEMENT), defis)
    for ligne in lignes_comites:
        if ligne.comite and ligne.statut_support == StatutSupport.EN_RETARD and not ligne.support_soumis:
            echeance = date_format(timezone.localtime(ligne.comite.echeance_support), ECHEANCE)
            liste.ajouter(("defi", ligne.defi.pk), f"Équipe de « {ligne.defi.titre} »", "", Raison(
                f"Support du comité de phase {ligne.comite.phase.numero} non soumis, attendu le {echeance}",
                ligne.comite.get_absolute_url(), f"Comité — {ligne.defi.titre}", SUPPORT_EN_RETARD))
    return liste.triee()


def _soumis(comite) -> bool:
    support = getattr(comite, "support", None)
    return support is not None and support.est_soumis


def _barres_heures(parrains: list[dict]) -> list[Barre]:
    """Each parrain's hours of the month against the cap."""
    return [Barre(p["parrain"].nom_complet, p["pourcentage"], f"{p['minutes_en_clair']} sur {p['plafond_en_clair']}")
            for p in parrains]


def _barres_presence(dispositifs: list[dict]) -> list[Barre]:
    """Each dispositif's attendance rate, flagged below the threshold."""
    return [Barre(d["nom"], d["taux"], f"{d['taux']} %", alerte=d["taux"] < pilotage.SEUIL_PRESENCE)
            for d in dispositifs]


def tableau_de_bord(promotion: Promotion, maintenant: datetime.datetime | None = None,
                    volet: str | None = None) -> dict:
    """Everything the coaches' dashboard of `promotion` shows, at `maintenant` (now by default); for the page of
    one `volet` (a key of VOLETS), only what that page shows. The promotion's phases should be prefetched (as
    `promotions_pour_les_carnets` does)."""
    maintenant = maintenant or timezone.now()
    jour = timezone.localdate(maintenant)
    mois = premier_du_mois(jour)
    phase = promotion.phase_en_cours(jour)
    tableau = {"maintenant": maintenant, "jour": jour, "mois": mois, "phase": phase}
    if volet in (None, "a-qui-parler"):
        tableau.update(_signaux(promotion, maintenant, mois, phase))
    if volet in (None, "heures"):
        parrains = selectors_heures.consommation_par_parrain(mois, promotion)
        tableau["heures"] = {
            "parrains": parrains, "avec_reste": [p for p in parrains if p["reste"] > 0],
            "defis": selectors_heures.consommation_par_defi(mois, promotion), "barres": _barres_heures(parrains),
        }
    if volet in (None, "presence"):
        presence = pilotage.presence_par_dispositif(promotion, maintenant)
        tableau["presence"] = {
            "dispositifs": presence, "barres": _barres_presence(presence),
            "peu_suivies": pilotage.sessions_peu_suivies(promotion, maintenant=maintenant),
            "seuil": pilotage.SEUIL_PRESENCE,
        }
    if volet in (None, "parcours"):
        tableau["parcours"] = _parcours(promotion)
    if volet is None:
        tableau.update(_le_reste(promotion, maintenant, mois, jour))
    return tableau


def _signaux(promotion: Promotion, maintenant: datetime.datetime, mois: datetime.date, phase) -> dict:
    """Whom to talk to, and the météo, carnets and comités their reasons come from."""
    alertes = selectors_meteo.alertes_ouvertes(promotion)
    silencieux = pilotage.eig_sans_reponse_aux_dernieres_meteos(promotion, maintenant=maintenant)
    tendance = selectors_meteo.meteo_tendance(promotion)
    closes = [vague for vague in tendance if vague.cloturee_le or vague.fermee_le <= maintenant]

    carnets = list(selectors_carnet.eig_de_la_promotion_et_leur_carnet(promotion, mois))
    sans_carnet = [eig for eig in carnets if eig.rempli_le is None]

    absents = pilotage.absents_des_dernieres_sessions(promotion, maintenant=maintenant)
    # A cycle booked for the coming weeks of the phase counts: the EIG is already accompanied.
    sans_accompagnement = (pilotage.eig_sans_mentorat_ni_heures(promotion, phase.date_debut, phase.date_fin)
                           if phase else [])
    lignes_comites = tableau_comites(promotion, phase.numero, maintenant=maintenant) if phase else []
    for ligne in lignes_comites:
        ligne.support_soumis = bool(ligne.comite and _soumis(ligne.comite))
        ligne.libelle_support = LIBELLES_SUPPORT[ligne.statut_support]
        ligne.libelle_rapport = LIBELLES_RAPPORT[ligne.statut_rapport]

    a_prevenir = _a_prevenir(
        alertes=alertes, silencieux=silencieux, sans_carnet=sans_carnet, mois=mois, absents=absents,
        lignes_comites=lignes_comites, phase=phase, sans_accompagnement=sans_accompagnement)
    return {
        "a_prevenir": a_prevenir,
        "a_prevenir_d_abord": [entree for entree in a_prevenir if entree.priorite < A_RELANCER],
        "a_relancer": [entree for entree in a_prevenir if entree.priorite >= A_RELANCER],
        "comites": lignes_comites,
        "supports_non_soumis": [ligne for ligne in lignes_comites if not ligne.support_soumis],
        "supports_soumis": [ligne for ligne in lignes_comites if ligne.support_soumis],
        "meteo": {
            "tendance": tendance, "silencieux": silencieux, "alertes": alertes,
            "sans_reponse_de_suite": pilotage.METEOS_SANS_REPONSE,
            "derniere": closes[-1] if closes else None,
            "taux_moyen": round(sum(v.taux for v in closes) / len(closes)) if closes else None,
        },
        "carnets": {
            "eig": len(carnets), "remplis": len(carnets) - len(sans_carnet),
            "taux": round(100 * (len(carnets) - len(sans_carnet)) / len(carnets)) if carnets else None,
            "manquants": sans_carnet,
        },
    }


def _le_reste(promotion: Promotion, maintenant: datetime.datetime, mois: datetime.date, jour: datetime.date) -> dict:
    """What only the summary page shows: the phases' timeline, the bureau d'aide's queue, the month's groups."""
    file = selectors_bureau.file_bureau_aide(promotion=promotion, maintenant=maintenant)
    demandes = list(file[:DEMANDES_AFFICHEES])
    for demande in demandes:
        demande.attente_en_clair = selectors_bureau.attente_en_clair(demande.attente)
    groupes = list(
        selectors_groupes.groupes_du_mois(promotion, mois)
        .select_related("session", "expertise", "presentateur").annotate(nombre_membres=Count("participations"))
    )
    return {
        "frise": _frise(promotion, jour),
        "bureau": {"demandes": demandes, "ouvertes": file.count() if len(demandes) == DEMANDES_AFFICHEES
                   else len(demandes)},
        "groupes": groupes,
        "groupes_non_publies": sum(groupe.publie_le is None for groupe in groupes),
    }


def _parcours(promotion: Promotion) -> dict:
    """The newcomers' arrival paths: those still on their way (least advanced first), and how many are done."""
    tous = parcours_de_la_promotion(promotion)
    return {"en_cours": [p for p in tous if not p.fini], "finis": sum(p.fini for p in tous), "total": len(tous)}
