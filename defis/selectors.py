"""Reads of défis: the public catalogue, a défi's page, a person's teams, the open-data export."""

from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Prefetch, Q, QuerySet

from .models import Defi, MembreEquipe, Realisation


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
    """Every visible défi the open-data files hold, with its administration and promotion."""
    return Defi.objects.filter(visible=True).select_related("administration", "promotion").order_by("slug")


def defis_pour_export_par_lots(taille: int) -> Iterator[Defi]:
    """The exported défis, read `taille` at a time so that a stream keeps at most that many in memory; each défi
    carries `noms_themes`, `noms_metiers` and `realisations_exportees` (type, titre, url), read for a whole batch
    in three queries of plain values (no model instance nor related manager per défi)."""
    lot = []
    for defi in defis_pour_export().iterator(chunk_size=taille):
        lot.append(defi)
        if len(lot) == taille:
            yield from _avec_ce_qui_s_exporte(lot)
            lot = []
    yield from _avec_ce_qui_s_exporte(lot)


def _avec_ce_qui_s_exporte(defis: list[Defi]) -> list[Defi]:
    if not defis:
        return defis
    ids = [defi.pk for defi in defis]
    themes, metiers, realisations = defaultdict(list), defaultdict(list), defaultdict(list)
    for defi_id, nom in (Defi.themes.through.objects.filter(defi_id__in=ids)
                         .order_by("theme__nom", "theme_id").values_list("defi_id", "theme__nom")):
        themes[defi_id].append(nom)
    for defi_id, nom in (Defi.expertises.through.objects.filter(defi_id__in=ids)
                         .order_by("expertise__nom", "expertise_id").values_list("defi_id", "expertise__nom")):
        metiers[defi_id].append(nom)
    for defi_id, type_, titre, url in (Realisation.objects.filter(defi_id__in=ids)
                                       .values_list("defi_id", "type", "titre", "url")):
        realisations[defi_id].append({"type": type_, "titre": titre, "url": url})
    for defi in defis:
        defi.noms_themes, defi.noms_metiers = themes[defi.pk], metiers[defi.pk]
        defi.realisations_exportees = realisations[defi.pk]
    return defis
