"""Reads of the evaluations: a comité with all it shows, a défi's four phases, the coaches' board (the histories
are read in `evaluations.historique`)."""

import dataclasses

from django.db.models import F, Prefetch
from django.utils import timezone

from defis.models import Defi
from programme.models import Phase, Promotion

from .models import AtteinteObjectif, Comite, Objectif, PieceJointe, Rapport, Support


class StatutSupport:
    MANQUANT, BROUILLON, SOUMIS, EN_RETARD = "manquant", "brouillon", "soumis", "en_retard"
    CHOIX = [(MANQUANT, "Manquant"), (BROUILLON, "Brouillon"), (SOUMIS, "Soumis"), (EN_RETARD, "En retard")]


class StatutRapport:
    A_ECRIRE, BROUILLON, PUBLIE = "a_ecrire", "brouillon", "publie"
    CHOIX = [(A_ECRIRE, "À écrire"), (BROUILLON, "Brouillon"), (PUBLIE, "Publié")]


def support_de(comite) -> Support | None:
    return getattr(comite, "support", None)


def rapport_de(comite) -> Rapport | None:
    return getattr(comite, "rapport", None)


def statut_support(comite, maintenant=None) -> str:
    """Manquant or brouillon before the deadline; soumis when submitted in time; en retard when submitted
    after the deadline, or not submitted once it has passed."""
    maintenant = maintenant or timezone.now()
    support = support_de(comite)
    if support is not None and support.est_soumis:
        return StatutSupport.EN_RETARD if support.en_retard else StatutSupport.SOUMIS
    if maintenant > comite.echeance_support:
        return StatutSupport.EN_RETARD
    return StatutSupport.BROUILLON if support is not None else StatutSupport.MANQUANT


def statut_rapport(comite) -> str:
    rapport = rapport_de(comite)
    if rapport is None:
        return StatutRapport.A_ECRIRE
    return StatutRapport.PUBLIE if rapport.est_publie else StatutRapport.BROUILLON


def comite_de(slug: str, numero: int) -> Comite | None:
    """A défi's comité for a phase number, with its coaches, participants, support (objectives and files)
    and rapport (measures per objective): everything its pages show."""
    return (
        Comite.objects.select_related("defi__promotion", "phase", "support__soumis_par", "rapport__publie_par")
        .prefetch_related(
            "coachs", "participants",
            Prefetch("support__objectifs", queryset=Objectif.objects.order_by("rang")),
            Prefetch("support__pieces_jointes", queryset=PieceJointe.objects.select_related("ajoutee_par")),
            Prefetch("rapport__atteintes", queryset=AtteinteObjectif.objects.select_related("objectif")),
        )
        .filter(defi__slug=slug, phase__numero=numero, phase__promotion=F("defi__promotion"))
        .first()
    )


def piece_jointe_de(comite, pk) -> PieceJointe | None:
    """A file of this comité's support, or None: a file is never reached through another comité's address."""
    support = support_de(comite)
    if support is None:
        return None
    return next((piece for piece in support.pieces_jointes.all() if piece.pk == pk), None)


@dataclasses.dataclass
class EtapePhase:
    phase: Phase
    comite: Comite | None
    statut_support: str | None
    statut_rapport: str | None
    en_cours: bool


def evaluations_du_defi(defi: Defi, maintenant=None) -> list[EtapePhase]:
    """A défi's four phases in order, each with its comité, support and rapport: the team's timeline."""
    maintenant = maintenant or timezone.now()
    if defi.promotion_id is None:
        return []
    comites = {
        comite.phase_id: comite
        for comite in Comite.objects.filter(defi=defi)
        .select_related("defi", "phase", "support", "rapport").prefetch_related("coachs")
    }
    jour = timezone.localdate(maintenant)
    etapes = []
    for phase in Phase.objects.filter(promotion=defi.promotion_id).order_by("numero"):
        comite = comites.get(phase.pk)
        etapes.append(EtapePhase(
            phase=phase, comite=comite,
            statut_support=statut_support(comite, maintenant) if comite else None,
            statut_rapport=statut_rapport(comite) if comite else None,
            en_cours=phase.contient(jour),
        ))
    return etapes


@dataclasses.dataclass
class LigneTableau:
    defi: Defi
    comite: Comite | None
    statut_support: str
    statut_rapport: str


def tableau_comites(promotion: Promotion, numero_phase: int, *, statut_support_filtre="", statut_rapport_filtre="",
                    recherche="", maintenant=None) -> list[LigneTableau]:
    """The coaches' board: every défi of the promotion with its comité for the phase, its support's and its
    rapport's status; filtered. The number of queries does not depend on the number of défis."""
    maintenant = maintenant or timezone.now()
    comites = Comite.objects.filter(phase__promotion=promotion, phase__numero=numero_phase).select_related(
        "phase", "support", "rapport"
    ).prefetch_related("coachs")
    defis = (
        Defi.objects.filter(promotion=promotion)
        .select_related("administration")
        .prefetch_related(Prefetch("comites", queryset=comites, to_attr="comites_de_la_phase"))
        .order_by("titre")
    )
    if recherche:
        defis = defis.filter(titre__icontains=recherche)
    lignes = []
    for defi in defis:
        comite = defi.comites_de_la_phase[0] if defi.comites_de_la_phase else None
        ligne = LigneTableau(
            defi=defi, comite=comite,
            statut_support=statut_support(comite, maintenant) if comite else StatutSupport.MANQUANT,
            statut_rapport=statut_rapport(comite) if comite else StatutRapport.A_ECRIRE,
        )
        if statut_support_filtre and ligne.statut_support != statut_support_filtre:
            continue
        if statut_rapport_filtre and ligne.statut_rapport != statut_rapport_filtre:
            continue
        lignes.append(ligne)
    return lignes


def comites_des_defis(defis, maintenant=None) -> dict[int, list[Comite]]:
    """The comités of several défis in one query, by défi id, in phase order; each with `statut_support` and
    `statut_rapport` and its support and rapport: the homes of the teams and sponsors read them."""
    maintenant = maintenant or timezone.now()
    par_defi: dict[int, list[Comite]] = {}
    comites = (Comite.objects.filter(defi__in=defis, phase__promotion=F("defi__promotion"))
               .select_related("defi", "phase", "support", "rapport").order_by("phase__numero"))
    for comite in comites:
        comite.statut_support = statut_support(comite, maintenant)
        comite.statut_rapport = statut_rapport(comite)
        par_defi.setdefault(comite.defi_id, []).append(comite)
    return par_defi


def prochain_comite(comites: list[Comite], maintenant=None) -> Comite | None:
    """Of a défi's comités in phase order, the first not over yet."""
    maintenant = maintenant or timezone.now()
    return next((comite for comite in comites if comite.fin > maintenant), None)
