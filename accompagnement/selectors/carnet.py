"""Reads of the carnet de bord: an EIG's promotion and compétences of the moment, their entries and how each
compétence moved across months, and the coaches' view of who wrote this month's entry."""

import datetime
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from defis.models import MembreEquipe
from programme.models import Competence, Personne, Phase, Promotion, Role
from programme.selectors import RECENTES_D_ABORD

from ..models import AutoEvaluation, CarnetDeBord


def _promotions_par_phase():
    return Prefetch("phases", queryset=Phase.objects.order_by("numero"))


def promotion_de_l_eig(personne, jour: datetime.date | None = None) -> Promotion | None:
    """The promotion the EIG is in: the one running on `jour` if any, else the most recent one."""
    jour = jour or timezone.localdate()
    promotions = list(
        Promotion.objects.filter(roles__personne=personne, roles__type=Role.Type.EIG)
        .prefetch_related(_promotions_par_phase()).order_by(*RECENTES_D_ABORD)
    )
    candidates = [p for p in promotions if p.phase_en_cours(jour)] + promotions
    return candidates[0] if candidates else None


def competences_de_la_phase(phase: Phase | None) -> list[Competence]:
    """The EIG's compétences of a phase, in the programme's order: the skill grid of that month's entry."""
    if phase is None:
        return []
    return list(Competence.objects.filter(phase=phase.numero, public=Competence.Public.EIG).order_by("ordre", "nom"))


def _evaluations():
    return Prefetch("evaluations", queryset=AutoEvaluation.objects.select_related("competence").order_by(
        "competence__phase", "competence__ordre", "competence__nom"))


def carnet_du_mois(eig, mois: datetime.date) -> CarnetDeBord | None:
    """The EIG's entry for `mois`, with its self-assessment, or None."""
    return CarnetDeBord.objects.filter(eig=eig, mois=mois).prefetch_related(_evaluations()).first()


def carnet_du_mois_ecrit_le(eig, mois: datetime.date) -> datetime.datetime | None:
    """When the EIG last saved their entry of `mois`, or None when it is still to write."""
    return CarnetDeBord.objects.filter(eig=eig, mois=mois).values_list("updated_at", flat=True).first()


def carnet_precedent(eig, mois: datetime.date) -> CarnetDeBord | None:
    """The EIG's latest entry before `mois`: its objectives come back to be reviewed."""
    return CarnetDeBord.objects.filter(eig=eig, mois__lt=mois).order_by("-mois").first()


def carnets_de(eig) -> list[CarnetDeBord]:
    """Every entry of the EIG, oldest first, with phase and self-assessment."""
    return list(CarnetDeBord.objects.filter(eig=eig).select_related("phase").prefetch_related(_evaluations())
                .order_by("mois"))


@dataclass
class LigneCompetence:
    competence: Competence
    niveaux: list = field(default_factory=list)


@dataclass
class Evolution:
    """Months (oldest first) × compétences: the level of each compétence each month, None when not assessed."""

    mois: list[datetime.date]
    lignes: list[LigneCompetence]


def evolution_competences(carnets: list[CarnetDeBord]) -> Evolution:
    """How each compétence moved across the entries, from their prefetched self-assessments."""
    mois = [carnet.mois for carnet in carnets]
    lignes: dict[int, LigneCompetence] = {}
    for rang, carnet in enumerate(carnets):
        for evaluation in carnet.evaluations.all():
            ligne = lignes.setdefault(evaluation.competence_id,
                                      LigneCompetence(evaluation.competence, [None] * len(carnets)))
            ligne.niveaux[rang] = evaluation.niveau
    ordre = sorted(lignes.values(), key=lambda ligne: (ligne.competence.phase, ligne.competence.ordre,
                                                         ligne.competence.nom))
    return Evolution(mois=mois, lignes=ordre)


def promotions_pour_les_carnets() -> list[Promotion]:
    """Every promotion with its phases, newest first, for the coaches' choice."""
    return list(Promotion.objects.prefetch_related(_promotions_par_phase()).order_by(*RECENTES_D_ABORD))


def eig_de_la_promotion_et_leur_carnet(promotion, mois: datetime.date) -> QuerySet[Personne]:
    """The promotion's EIG by name, each with `rempli_le` (when this month's entry was last saved, or None),
    `dernier_mois` (their latest entry) and `equipes_promotion` (their teams in the promotion)."""
    du_mois = CarnetDeBord.objects.filter(eig=OuterRef("pk"), mois=mois)
    dernier = CarnetDeBord.objects.filter(eig=OuterRef("pk")).order_by("-mois")
    # A subquery rather than DISTINCT: counting a page of them then leaves the annotations out.
    eig = Role.objects.filter(promotion=promotion, type=Role.Type.EIG).values("personne")
    return (
        Personne.objects.filter(pk__in=eig)
        .annotate(rempli_le=Subquery(du_mois.values("updated_at")[:1]),
                  dernier_mois=Subquery(dernier.values("mois")[:1]))
        .prefetch_related(Prefetch(
            "equipes", queryset=MembreEquipe.objects.filter(defi__promotion=promotion).select_related("defi"),
            to_attr="equipes_promotion"))
        .order_by("nom_usage", "prenom")
    )



def carnets_remplis_du_mois(promotion, mois: datetime.date) -> int:
    """How many of the promotion's EIG wrote the entry of `mois` (one count, whatever the page shown)."""
    eig = Role.objects.filter(promotion=promotion, type=Role.Type.EIG).values("personne")
    return CarnetDeBord.objects.filter(mois=mois, eig__in=eig).count()
