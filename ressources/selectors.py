"""Reads of the resources: the pages a visitor may read, grouped or searched, and where a page is used (for its page,
for a dispositif's page, for the compétences of the carnet de bord and for the reminder e-mails)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from programme.notifications import lien_absolu

from .models import RAPPELS, RattachementCompetence, RattachementDispositif, RattachementRappel, Ressource

RECHERCHE_MAX = 200
RESULTATS_MAX = 50


def ressources_visibles(personne) -> QuerySet[Ressource]:
    """The pages `personne` may read: all of them once signed in, the public ones otherwise."""
    pages = Ressource.objects.all()
    return pages if personne.is_authenticated else pages.filter(publique=True)


def ressources_par_groupe(personne) -> list[tuple[str, list[Ressource]]]:
    """The readable pages by group, in the site's order: [(libellé du groupe, [page…])…], empty groups left out."""
    groupes = {groupe: [] for groupe in Ressource.Groupe}
    for ressource in ressources_visibles(personne).defer("contenu"):
        groupes[Ressource.Groupe(ressource.groupe)].append(ressource)
    return [(groupe.label, pages) for groupe, pages in groupes.items() if pages]


def ressources_recherchees(personne, texte: str) -> list[Ressource]:
    """The readable pages matching `texte`, best first: French full-text search on PostgreSQL (stemmed, title
    weighted above the body), a plain case-insensitive match of each word on SQLite."""
    texte = (texte or "").strip()[:RECHERCHE_MAX]
    if not texte:
        return []
    pages = ressources_visibles(personne)
    if connection.vendor == "postgresql":
        vecteur = SearchVector("titre", weight="A", config="french") + SearchVector("contenu", weight="B",
                                                                                      config="french")
        requete = SearchQuery(texte, config="french", search_type="websearch")
        pages = (pages.annotate(rang=SearchRank(vecteur, requete)).filter(rang__gt=0)
                 .order_by("-rang", "titre"))
    else:
        for mot in texte.split():
            pages = pages.filter(Q(titre__icontains=mot) | Q(contenu__icontains=mot))
        pages = pages.order_by("groupe", "ordre", "titre")
    return list(pages.defer("contenu")[:RESULTATS_MAX])


def _types_rattaches(objet) -> dict:
    return {"content_type": ContentType.objects.get_for_model(objet), "object_id": objet.pk}


def ressources_du_dispositif(dispositif, personne) -> dict[str, list[Ressource]]:
    """A dispositif's pages readable by `personne`, by use: {"preparer": [...], "inspirer": [...]}."""
    par_usage = {usage: [] for usage in RattachementDispositif.Usage.values}
    visibles = ressources_visibles(personne)
    for lien in (RattachementDispositif.objects.filter(**_types_rattaches(dispositif), ressource__in=visibles)
                 .select_related("ressource")):
        par_usage[lien.usage].append(lien.ressource)
    return par_usage


def ressources_des_competences(competences, personne) -> dict[int, list[Ressource]]:
    """The pages attached to each of `competences`, readable by `personne`: {competence pk: [page…]}."""
    par_competence = defaultdict(list)
    for lien in (RattachementCompetence.objects.filter(competence__in=competences,
                                                        ressource__in=ressources_visibles(personne))
                 .select_related("ressource").order_by("ressource__titre")):
        par_competence[lien.competence_id].append(lien.ressource)
    return dict(par_competence)


def ressources_du_rappel(rappel: str) -> list[Ressource]:
    """The pages a reminder e-mail lists (`rappel`: its `Notification.Categorie`); its readers are signed in."""
    return [lien.ressource for lien in RattachementRappel.objects.filter(rappel=rappel)
            .select_related("ressource").order_by("ressource__titre")]


@dataclass
class Utilisations:
    """Where a page is used: dispositifs (dispositif, use label), compétences, reminders (their labels)."""

    dispositifs: list[tuple[object, str]] = field(default_factory=list)
    competences: list = field(default_factory=list)
    rappels: list[str] = field(default_factory=list)

    def __bool__(self):
        return bool(self.dispositifs or self.competences or self.rappels)


def utilisations_de(ressource: Ressource) -> Utilisations:
    """Where `ressource` is used, for its page."""
    utilisations = Utilisations()
    for lien in ressource.dispositifs.select_related("content_type").prefetch_related("cible"):
        if lien.cible is not None:
            utilisations.dispositifs.append((lien.cible, lien.get_usage_display()))
    utilisations.competences = [lien.competence for lien in ressource.competences.select_related("competence")]
    utilisations.rappels = [lien.get_rappel_display() for lien in ressource.rappels.all()]
    return utilisations


def image_lisible(nom: str, personne) -> bool:
    """Whether an imported image appears in a page `personne` may read."""
    return ressources_visibles(personne).filter(contenu__contains=f"/ressources/images/{nom}").exists()


def contexte_du_rappel(categorie: str) -> dict:
    """What a reminder e-mail of `categorie` adds to its context: its pages as (title, absolute link); nothing
    (and no query) for an e-mail that is not a reminder."""
    if categorie not in dict(RAPPELS):
        return {}
    return {"ressources_du_rappel": [(ressource.titre, lien_absolu(ressource.get_absolute_url()))
                                     for ressource in ressources_du_rappel(categorie)]}
