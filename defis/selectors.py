"""Reads of défis: the public catalogue, a défi's page, a person's teams, the open-data export."""

from django.db.models import Prefetch, Q, QuerySet

from .models import Defi, MembreEquipe


def defis_visibles(*, promotion=None, theme=None, expertise=None, administration=None, recherche="") -> QuerySet[Defi]:
    """The public catalogue, filtered; each défi comes with what its card shows."""
    defis = (
        Defi.objects.filter(visible=True)
        .select_related("administration", "promotion")
        .prefetch_related("themes", "expertises")
        .order_by("-promotion__numero", "titre")
    )
    if promotion:
        defis = defis.filter(promotion=promotion)
    if theme:
        defis = defis.filter(themes=theme)
    if expertise:
        defis = defis.filter(expertises=expertise)
    if administration:
        defis = defis.filter(administration=administration)
    if recherche:
        defis = defis.filter(
            Q(titre__icontains=recherche) | Q(description__icontains=recherche)
            | Q(administration__nom__icontains=recherche)
        )
    return defis


def defi_avec_equipe(slug) -> Defi | None:
    """A défi with its taxonomies, réalisations and team, for its page."""
    return (
        Defi.objects.select_related("administration", "promotion")
        .prefetch_related(
            "themes", "expertises", "realisations",
            Prefetch("membres", queryset=MembreEquipe.objects.select_related("personne").order_by(
                "role", "personne__nom_usage", "personne__prenom")),
        )
        .filter(slug=slug)
        .first()
    )


def equipes_de(personne) -> list[MembreEquipe]:
    """The défis a person belongs to (newest promotion first), each with its promotion and whole team as
    `defi.equipe` (by role then name): one query for the teams of all their défis, whatever their number."""
    lignes = list(
        MembreEquipe.objects.filter(defi__in=MembreEquipe.objects.filter(personne=personne).values("defi"))
        .select_related("personne", "defi__administration", "defi__promotion")
        .order_by("-defi__promotion__numero", "defi__titre", "defi_id", "role", "personne__nom_usage",
                  "personne__prenom", "pk")
    )
    equipes: dict[int, list[MembreEquipe]] = {}
    for ligne in lignes:
        equipes.setdefault(ligne.defi_id, []).append(ligne)
    miennes = [ligne for ligne in lignes if ligne.personne_id == personne.pk]
    for ligne in miennes:
        ligne.defi.equipe = equipes[ligne.defi_id]
    return miennes


def defis_pour_export() -> QuerySet[Defi]:
    """Every visible défi with what the open-data files hold."""
    return (
        Defi.objects.filter(visible=True)
        .select_related("administration", "promotion")
        .prefetch_related("themes", "expertises", "realisations")
        .order_by("slug")
    )
