"""Reads of the météo entrepreneuriale: the response behind a personal link, an EIG's own rounds, the coaches'
trends, alerts and histories, and the one figure shown to a promotion's EIG — the average météo of a closed
round, only when at least five others than the reader answered (DESIGN §5)."""

import datetime

from django.core import signing
from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from defis.models import MembreEquipe
from programme.models import Personne, Promotion, Role

from ..models import AlerteMeteo, ReponseMeteo, VagueMeteo
from ..models.meteo import SEL_LIEN

SEUIL_ANONYMAT = 5


def reponse_par_jeton(jeton: str) -> ReponseMeteo | None:
    """The response a personal link carries, with its round and EIG; None for a tampered or unknown link."""
    try:
        pk = signing.loads(jeton, salt=SEL_LIEN)
    except signing.BadSignature:
        return None
    return ReponseMeteo.objects.filter(pk=pk).select_related("vague__promotion", "eig").first()


def reponse_par_pk(pk) -> ReponseMeteo | None:
    """A response with its round and EIG, or None."""
    return ReponseMeteo.objects.filter(pk=pk).select_related("vague__promotion", "eig").first()


def reponses_de(eig) -> list[ReponseMeteo]:
    """Every round the EIG was invited to, newest first, with its round and promotion."""
    return list(ReponseMeteo.objects.filter(eig=eig).select_related("vague__promotion").order_by("-vague__date"))


def derniere_reponse_de(eig, promotion: Promotion) -> ReponseMeteo | None:
    """The EIG's place in the latest round of the promotion they were invited to, with its round: the round still
    to answer, or the one they answered last (their home says which)."""
    return (ReponseMeteo.objects.filter(eig=eig, vague__promotion=promotion).select_related("vague")
            .order_by("-vague__date").first())


def reponses_avec_alertes(eig) -> list[ReponseMeteo]:
    """An EIG's rounds for the coaches, newest first, with the alerts each answer raised."""
    return list(
        ReponseMeteo.objects.filter(eig=eig).select_related("vague__promotion")
        .prefetch_related(Prefetch("alertes", queryset=AlerteMeteo.objects.select_related("traitee_par")))
        .order_by("-vague__date")
    )


# The figures a round shows: each name, its aggregate over the round's answers, whether over answered ones only,
# and the field of `VagueMeteo` that keeps it frozen once the round is closed.
CHIFFRES = {
    "invites": (Count, "pk", False, "invites_figes"),
    "repondants": (Count, "pk", True, "repondants_figes"),
    "moy_meteo": (Avg, "meteo", True, "moy_meteo_figee"),
    "moy_equipe": (Avg, "vie_equipe", True, "moy_equipe_figee"),
    "moy_epanouissement": (Avg, "epanouissement", True, "moy_epanouissement_figee"),
}


def _en_direct() -> dict:
    """The figures computed from the answers now, as annotations of rounds (`direct_<name>`)."""
    repondues = Q(reponses__repondue_le__isnull=False)
    return {f"direct_{nom}": agregat(f"reponses__{champ}", filter=repondues if seulement_repondues else None)
            for nom, (agregat, champ, seulement_repondues, _fige) in CHIFFRES.items()}


def _chiffres_poser(vagues) -> list[VagueMeteo]:
    """The rounds, each with the figures it shows — those frozen at its closing, else those of its answers now —
    and `taux`, the response rate in %."""
    vagues = list(vagues.annotate(**_en_direct()))
    for vague in vagues:
        fige = vague.figee_le is not None
        for nom, (_agregat, _champ, _repondues, champ_fige) in CHIFFRES.items():
            setattr(vague, nom, getattr(vague, champ_fige if fige else f"direct_{nom}"))
        vague.taux = round(100 * vague.repondants / vague.invites) if vague.invites else 0
    return vagues


def meteo_tendance(promotion: Promotion) -> list[VagueMeteo]:
    """The coaches' trend of a promotion: its rounds, oldest first, each with `invites`, `repondants`, `taux` (the
    response rate in %) and the averages `moy_meteo`, `moy_equipe`, `moy_epanouissement` (None without answers) —
    for a closed round, the figures frozen at its closing."""
    return _chiffres_poser(VagueMeteo.objects.filter(promotion=promotion).order_by("date"))


def alertes_ouvertes(promotion: Promotion) -> list[AlerteMeteo]:
    """The promotion's alerts not yet handled, newest first, with their EIG and round."""
    return list(AlerteMeteo.objects.filter(reponse__vague__promotion=promotion, traitee_le__isnull=True)
                .select_related("reponse__eig", "reponse__vague").order_by("-created_at"))


def alerte_par_pk(pk) -> AlerteMeteo | None:
    """An alert with its EIG and round, or None."""
    return AlerteMeteo.objects.filter(pk=pk).select_related("reponse__eig", "reponse__vague").first()


def eig_de_la_promotion_et_leur_meteo(promotion: Promotion) -> QuerySet[Personne]:
    """The promotion's EIG by name, each with `derniere_meteo` (their latest answered level in this promotion),
    `repondues` (how many rounds they answered) and `equipes_promotion` (their teams in the promotion).

    The people are those of the promotion's EIG roles and each figure a subquery per person, with neither join
    nor grouping over the people: PostgreSQL estimates the promotion's few hundred rows, not the whole table of
    people (an estimate that large made it compile the query, at a cost of 200 ms, before running it)."""
    leurs = ReponseMeteo.objects.filter(eig=OuterRef("pk"), vague__promotion=promotion, repondue_le__isnull=False)
    return (
        Personne.objects.filter(pk__in=Role.objects.filter(promotion=promotion, type=Role.Type.EIG)
                                .values("personne_id"))
        .annotate(derniere_meteo=Subquery(leurs.order_by("-vague__date").values("meteo")[:1]),
                  repondues=Coalesce(Subquery(leurs.order_by().values("eig").annotate(n=Count("*")).values("n")),
                                     0))
        .prefetch_related(Prefetch(
            "equipes", queryset=MembreEquipe.objects.filter(defi__promotion=promotion).select_related("defi"),
            to_attr="equipes_promotion"))
        .order_by("nom_usage", "prenom")
    )


def meteo_de_la_promotion(promotion: Promotion, lecteur, maintenant: datetime.datetime | None = None
                          ) -> list[VagueMeteo]:
    """What a promotion's EIG (`lecteur`) may see, oldest first: for each closed round, the average météo of the
    whole promotion (`moyenne`, over `repondants`), as frozen at its closing — nothing for open rounds, whose
    average would move with each new answer, and nothing unless five people other than the reader answered: the
    reader knows their own answer, so with theirs among five they would learn the average of four."""
    maintenant = maintenant or timezone.now()
    siennes = ReponseMeteo.objects.filter(vague=OuterRef("pk"), eig=lecteur, repondue_le__isnull=False)
    vagues = _chiffres_poser(
        VagueMeteo.objects.filter(promotion=promotion)
        .filter(Q(cloturee_le__isnull=False) | Q(fermee_le__lte=maintenant))
        .annotate(sienne=Exists(siennes)).order_by("date")
    )
    montrees = []
    for vague in vagues:
        vague.autres = vague.repondants - vague.sienne
        vague.moyenne = vague.moy_meteo
        if vague.autres >= SEUIL_ANONYMAT:
            montrees.append(vague)
    return montrees
