"""Writes of the resources: a coach's edit (admin) and the import of the coaches' documentation site.

`ressources_importer(chemin)` reads the `doc-coachs` folder (its `index.md`, `programme/` and `ressources/`), turns
its links between pages into Magellan's addresses, copies its images into Magellan's private storage, and writes
each page unless a coach changed it since the last import (`ecraser=True` replaces it anyway). Whatever it cannot
read is reported by file (and line) and the import goes on. Run twice, it changes nothing the second time.
"""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import yaml
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse

from programme.historique import auteur_noter
from programme.stockage import StockagePrive

from .models import Ressource, empreinte_de
from .rendu import MARQUE_SOMMAIRE, ancres_de, encadres_lus

# The site's folders and the group each one feeds; `index.md` is the welcome page.
DOSSIERS = {"programme": Ressource.Groupe.PROGRAMME, "ressources": Ressource.Groupe.RESSOURCES}
ACCUEIL = "index.md"
SLUG_ACCUEIL = "bienvenue"
# The programme and the welcome page describe the programme, like the public site: readable by anyone at their
# first import; the guides are for the community. Coaches change it page by page, and a new import keeps it.
PUBLIQUES = {Ressource.Groupe.ACCUEIL, Ressource.Groupe.PROGRAMME}
DOSSIER_IMAGES = "ressources/images"
IMAGE_TAILLE_MAX = 5 * 1024 * 1024
IMAGES_ACCEPTEES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}

_LIEN = re.compile(r"(?<!!)\[(?P<texte>[^\]\n]*)\]\((?P<cible>[^)\s]+)(?P<titre>\s+\"[^\"\n]*\")?\)")
_IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]*)\]\((?P<cible>[^)\s]+)(?P<titre>\s+\"[^\"\n]*\")?\)")
_EXTERNE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
_HTML_RETIRE = re.compile(r"<\s*(script|style|iframe|object|embed)\b", re.I)


def ressource_enregistrer(ressource: Ressource, par=None) -> Ressource:
    """Check and save a coach's page (the admin calls it); its previous text stays in its history."""
    ressource.full_clean()
    auteur_noter(ressource, par)
    ressource.save()
    return ressource


@dataclass
class Probleme:
    fichier: str
    ligne: int | None
    message: str

    def __str__(self):
        return f"{self.fichier}{f', ligne {self.ligne}' if self.ligne else ''} : {self.message}"


@dataclass
class RapportImport:
    """What an import did, page by page (by slug), and what it could not read."""

    creees: list[str] = field(default_factory=list)
    mises_a_jour: list[str] = field(default_factory=list)
    inchangees: list[str] = field(default_factory=list)
    gardees: list[str] = field(default_factory=list)
    ecrasees: list[str] = field(default_factory=list)
    problemes: list[Probleme] = field(default_factory=list)

    def signaler(self, fichier, ligne, message):
        self.problemes.append(Probleme(fichier, ligne, message))


class ImportImpossible(Exception):
    """The source is not a folder of the coaches' site."""


@dataclass
class _Page:
    chemin: Path
    nom: str
    slug: str
    groupe: str
    ordre: int
    titre: str = ""
    corps: str = ""
    texte: str = ""

    def ligne_de(self, extrait: str) -> int | None:
        """The line of the source file where `extrait` first appears."""
        position = self.texte.find(extrait)
        return self.texte.count("\n", 0, position) + 1 if position >= 0 else None


def _pages_trouvees(racine: Path, rapport: RapportImport) -> list[_Page]:
    pages = []
    if (racine / ACCUEIL).is_file():
        pages.append(_Page(racine / ACCUEIL, ACCUEIL, SLUG_ACCUEIL, Ressource.Groupe.ACCUEIL, 0))
    else:
        rapport.signaler(ACCUEIL, None, "page d'accueil absente")
    slugs = {SLUG_ACCUEIL}
    for dossier, groupe in DOSSIERS.items():
        for ordre, chemin in enumerate(sorted((racine / dossier).glob("*.md")), start=1):
            slug = re.sub(r"[^a-z0-9-]+", "-", chemin.stem.lower()).strip("-")[:80] or "page"
            if slug in slugs:
                slug = f"{dossier}-{slug}"[:80]
            slugs.add(slug)
            pages.append(_Page(chemin, f"{dossier}/{chemin.name}", slug, groupe, ordre * 10))
    connus = {page.chemin.resolve() for page in pages}
    for autre in sorted(racine.rglob("*.md")):
        if autre.resolve() not in connus and not autre.name.lower().startswith("readme"):
            rapport.signaler(str(autre.relative_to(racine)), None, "hors des rubriques du site : ignoré")
    return pages


def _lire(page: _Page, rapport: RapportImport) -> bool:
    try:
        texte = page.chemin.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as erreur:
        rapport.signaler(page.nom, None, f"illisible ({type(erreur).__name__}) : page ignorée")
        return False
    lignes = texte.replace("\r\n", "\n").split("\n")
    titre = ""
    if lignes and lignes[0].strip() == "---":
        fin = next((i for i, ligne in enumerate(lignes[1:], start=1) if ligne.strip() == "---"), None)
        if fin is None:
            rapport.signaler(page.nom, 1, "en-tête YAML jamais refermé : lu comme du texte")
        else:
            try:
                entete = yaml.safe_load("\n".join(lignes[1:fin])) or {}
                titre = str(entete.get("title", "")) if isinstance(entete, dict) else ""
            except yaml.YAMLError:
                rapport.signaler(page.nom, 1, "en-tête YAML illisible : ignoré")
            lignes = lignes[fin + 1:]
    index_titre = next((i for i, ligne in enumerate(lignes) if re.match(r"^#\s+\S", ligne)), None)
    if index_titre is not None:
        titre = titre or lignes[index_titre][1:].strip()
        lignes = lignes[:index_titre] + lignes[index_titre + 1:]
    if not titre:
        rapport.signaler(page.nom, None, "pas de titre (« # … ») : titre tiré du nom du fichier")
        titre = page.chemin.stem.replace("-", " ").capitalize()
    page.titre = titre[:200]
    page.corps = "\n".join(lignes).strip("\n") + "\n"
    page.texte = texte
    for numero, ligne in enumerate(texte.split("\n"), start=1):
        if _HTML_RETIRE.search(ligne):
            rapport.signaler(page.nom, numero, "HTML actif (script, style, cadre) : retiré à l'affichage")
    for numero, message in encadres_lus(texte.split("\n"))[1]:
        rapport.signaler(page.nom, numero, message)
    return True


def _cible_de(nom: str, par_nom: dict[str, _Page]) -> _Page | None:
    """The page a link names: by file name wherever it lives (the site was flat), then without hyphens
    (« opendata.md » for « open-data.md »)."""
    stem = Path(nom).stem.lower()
    if stem in ("index", "readme", ""):
        return par_nom.get("index")
    if stem in par_nom:
        return par_nom[stem]
    compact = stem.replace("-", "").replace("_", "")
    return next((page for cle, page in par_nom.items() if cle.replace("-", "").replace("_", "") == compact), None)


def _liens_reecrits(page: _Page, par_nom: dict, ancres: dict, rapport: RapportImport) -> str:
    texte = page.corps

    def remplacer(trouve):
        cible = trouve["cible"]
        if _EXTERNE.match(cible) or cible.startswith("/"):
            return trouve.group(0)
        chemin, _diese, ancre = cible.partition("#")
        ancre = unquote(ancre)
        ligne = page.ligne_de(trouve.group(0))
        if not chemin:
            if ancre and ancre not in ancres[page.slug]:
                rapport.signaler(page.nom, ligne, f"ancre « #{ancre} » absente de la page : lien gardé")
            return trouve.group(0)
        if not chemin.lower().endswith((".md", ".html", "/")):
            rapport.signaler(page.nom, ligne, f"lien relatif « {cible} » non reconnu : texte gardé sans lien")
            return trouve["texte"]
        destination = _cible_de(chemin.rstrip("/"), par_nom)
        if destination is None:
            rapport.signaler(page.nom, ligne, f"lien vers « {chemin} » : page introuvable, texte gardé sans lien")
            return trouve["texte"]
        if Path(chemin).stem.lower() != destination.chemin.stem.lower() and destination.slug != SLUG_ACCUEIL:
            rapport.signaler(page.nom, ligne, f"lien vers « {chemin} » lu comme « {destination.nom} »")
        url = reverse("ressource", kwargs={"slug": destination.slug})
        if ancre:
            if ancre in ancres[destination.slug]:
                url += f"#{ancre}"
            else:
                rapport.signaler(page.nom, ligne, f"ancre « #{ancre} » absente de « {destination.nom} » : "
                                                  "le lien mène en haut de la page")
        return f"[{trouve['texte']}]({url}{trouve['titre'] or ''})"

    return _LIEN.sub(remplacer, texte)


def _images_copiees(page: _Page, texte: str, rapport: RapportImport) -> str:
    stockage = StockagePrive()

    def remplacer(trouve):
        cible = trouve["cible"]
        if _EXTERNE.match(cible) or cible.startswith("/"):
            return trouve.group(0)
        ligne = page.ligne_de(trouve.group(0))
        fichier = (page.chemin.parent / unquote(cible)).resolve()
        texte_seul = f"*Image non disponible : {trouve['alt'] or cible}*"
        if fichier.suffix.lower() not in IMAGES_ACCEPTEES:
            rapport.signaler(page.nom, ligne, f"image « {cible} » d'un format non accepté : texte gardé")
            return texte_seul
        if not fichier.is_file():
            rapport.signaler(page.nom, ligne, f"image « {cible} » absente du dossier : texte gardé")
            return texte_seul
        if fichier.stat().st_size > IMAGE_TAILLE_MAX:
            rapport.signaler(page.nom, ligne, f"image « {cible} » trop lourde : texte gardé")
            return texte_seul
        contenu = fichier.read_bytes()
        nom = f"{hashlib.sha256(contenu).hexdigest()[:16]}{fichier.suffix.lower()}"
        if not stockage.exists(f"{DOSSIER_IMAGES}/{nom}"):
            stockage.save(f"{DOSSIER_IMAGES}/{nom}", ContentFile(contenu))
        url = reverse("ressource_image", kwargs={"nom": nom})
        return f"![{trouve['alt']}]({url}{trouve['titre'] or ''})"

    return _IMAGE.sub(remplacer, texte)


@transaction.atomic
def ressources_importer(chemin, ecraser: bool = False) -> RapportImport:
    """Import the coaches' documentation site from the folder `chemin`; see the module's docstring."""
    racine = Path(chemin)
    if not racine.is_dir():
        raise ImportImpossible(f"« {racine} » n'est pas un dossier.")
    if not any((racine / dossier).is_dir() for dossier in DOSSIERS) and not (racine / ACCUEIL).is_file():
        raise ImportImpossible(f"« {racine} » ne contient ni « {ACCUEIL} » ni les dossiers « programme » et "
                               "« ressources » du site des coachs.")
    rapport = RapportImport()
    pages = [page for page in _pages_trouvees(racine, rapport) if _lire(page, rapport)]
    par_nom = {("index" if page.slug == SLUG_ACCUEIL else page.chemin.stem.lower()): page for page in pages}
    ancres = {page.slug: ancres_de(page.corps) for page in pages}
    existantes = {ressource.slug: ressource for ressource in Ressource.objects.filter(slug__in=[p.slug for p in pages])}
    for page in pages:
        contenu = _images_copiees(page, _liens_reecrits(page, par_nom, ancres, rapport), rapport)
        if MARQUE_SOMMAIRE in contenu and not re.search(r"^\s*\[\[toc\]\]\s*$", contenu, re.M):
            rapport.signaler(page.nom, None, "« [[toc]] » au milieu d'une ligne : il doit être seul sur sa ligne")
        _ecrire(page, contenu, existantes.get(page.slug), ecraser, rapport)
    return rapport


def _ecrire(page: _Page, contenu: str, ressource: Ressource | None, ecraser: bool, rapport: RapportImport):
    nouvelle = empreinte_de(page.titre, contenu)
    if ressource is None:
        ressource = Ressource(slug=page.slug, groupe=page.groupe, ordre=page.ordre,
                              publique=page.groupe in PUBLIQUES)
        bilan = rapport.creees
    elif ressource.empreinte == nouvelle and ressource.source == page.nom:
        if ressource.empreinte_import != nouvelle:
            # The coach's text is now the site's: later imports follow the site again.
            Ressource.objects.filter(pk=ressource.pk).update(empreinte_import=nouvelle)
        rapport.inchangees.append(page.slug)
        return
    elif ressource.empreinte != ressource.empreinte_import:
        if not ecraser:
            rapport.gardees.append(page.slug)
            rapport.signaler(page.nom, None, f"« {ressource.titre} » a été modifiée dans Magellan depuis le dernier "
                                             "import : gardée (--ecraser pour la remplacer)")
            return
        bilan = rapport.ecrasees
    else:
        bilan = rapport.mises_a_jour
    ressource.titre, ressource.contenu, ressource.source = page.titre, contenu, page.nom
    ressource.empreinte_import = nouvelle
    ressource._change_reason = f"Import de {page.nom}"
    ressource.full_clean()
    ressource.save()
    bilan.append(page.slug)
