"""Reads of the programme, with what each page needs prefetched."""

from django.db.models import Prefetch, QuerySet

from .models import Phase, Role


def roles_de(personne) -> QuerySet[Role]:
    """A person's roles, newest promotion first, each with its promotion and phases."""
    return (
        Role.objects.filter(personne=personne)
        .select_related("promotion")
        .prefetch_related(Prefetch("promotion__phases", queryset=Phase.objects.order_by("numero")))
        .order_by("-promotion__date_debut", "-promotion__numero", "type")
    )

