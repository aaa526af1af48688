"""Reads of the programme, with what each page needs prefetched."""

from django.db.models import Prefetch, Q, QuerySet

from .models import Personne, Phase, Promotion, Role


def promotions_en_cours(premier_jour, dernier_jour=None) -> QuerySet[Promotion]:
    """The promotions running on at least one day between `premier_jour` and `dernier_jour` (the same day when
    not given), oldest first; a promotion without dates is not running."""
    return Promotion.objects.filter(
        date_debut__lte=dernier_jour or premier_jour, date_fin__gte=premier_jour
    ).order_by("date_debut", "numero")


def roles_de(personne) -> QuerySet[Role]:
    """A person's roles, newest promotion first, each with its promotion and phases."""
    return (
        Role.objects.filter(personne=personne)
        .select_related("promotion")
        .prefetch_related(Prefetch("promotion__phases", queryset=Phase.objects.order_by("numero")))
        .order_by("-promotion__date_debut", "-promotion__numero", "type")
    )



def coachs_de(promotion: Promotion) -> QuerySet[Personne]:
    """The active coaches of a promotion and those of the whole programme (a coach role without promotion):
    who hears of its alerts and reviews its groups."""
    return Personne.objects.filter(
        Q(roles__promotion=promotion) | Q(roles__promotion__isnull=True), roles__type=Role.Type.COACH, is_active=True,
    ).distinct().order_by("pk")


def eig_par_pk(pk) -> Personne | None:
    """A person who is EIG in some promotion, or None."""
    return Personne.objects.filter(pk=pk, roles__type=Role.Type.EIG).distinct().first()
