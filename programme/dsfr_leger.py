"""Magellan's own DSFR stylesheet, `magellan/dsfr.css`: only the parts of the design system the site uses.

django-dsfr ships the DSFR whole (`dsfr.min.css` and `utility.min.css`: about 1.2 MB, 130 KB compressed, two
hundred icon files). This sheet is assembled from the DSFR's modules instead: the core with only the font faces
the components draw (Marianne regular, medium and bold, in woff2), the components listed in `COMPOSANTS`, the
rules of the icons that Magellan's templates and code name, then django-dsfr's overrides and Magellan's own sheets
(`magellan.css` and those of its pages: a page links no other sheet, except the rapports' print rules).
Every SVG it points to is written into it (a data: URL, which the CSP's img-src allows), so that a page asks
for no icon file; the fonts keep their URL, rewritten relative to the sheet.

`FeuilleDsfrFinder` (in STATICFILES_FINDERS) builds the sheet in a cache folder on first use and offers it to
`collectstatic` and to the development server like any static file; `{% feuilles_dsfr %}` links it with the
integrity of the file served.
"""

import hashlib
import os
import posixpath
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

CHEMIN = "magellan/dsfr.css"
DSFR = "dsfr/dist"
# The DSFR components Magellan's pages and forms use, in the order of the DSFR's own full stylesheet.
COMPOSANTS = ("upload", "accordion", "badge", "logo", "button", "connect", "breadcrumb", "form", "stepper", "link",
              "sidemenu", "callout", "pagination", "summary", "tag", "alert", "notice", "radio", "card", "checkbox",
              "input", "toggle", "skiplink", "select", "modal", "navigation", "footer", "tile", "table", "header")
# Marianne's faces the components draw (body text, buttons and accordions, titles); no italic nor light face,
# and no Spectral: the browser slants the regular face where a page asks for italics.
POLICES = {("normal", "400"), ("normal", "500"), ("normal", "700")}
# After the DSFR: django-dsfr's overrides, then Magellan's own sheets, its pages' ones too (one request fewer each).
AUTRES_FEUILLES = ("css/dsfr-django-overrides.css", "magellan.css", "accompagnement/agenda.css",
                   "accompagnement/carnet.css", "accompagnement/heures.css", "accompagnement/mentorat.css",
                   "accompagnement/sessions.css", "magellan/tableau_de_bord.css", "ressources/ressources.css")
# Where Magellan names its icons: its templates and the Python of its applications (the menu's tiles…).
SOURCES_DES_ICONES = ("templates", "programme", "defis", "accompagnement", "evaluations", "proconnect", "magellan")

URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")
ICONE = re.compile(r"\bfr-(?:icon|fi)-[a-z0-9-]+")
POLICE = re.compile(r"@font-face\{[^}]*\}")
EN_TETE = re.compile(r"/\*!.*?\*/", re.S)


def _lire(chemin: str) -> str:
    trouve = finders.find(chemin)
    if not trouve:
        raise FileNotFoundError(f"Le fichier statique {chemin} est introuvable (django-dsfr est-il installé ?).")
    return Path(trouve).read_text(encoding="utf-8")


def _regles(css: str):
    """The top-level rules of a minified stylesheet, each whole (an @media block with its inner rules)."""
    profondeur, debut = 0, 0
    for position, caractere in enumerate(css):
        if caractere == "{":
            profondeur += 1
        elif caractere == "}":
            profondeur -= 1
            if profondeur == 0:
                yield css[debut:position + 1]
                debut = position + 1


def icones_nommees() -> set[str]:
    """The icon classes (fr-icon-…) written anywhere in Magellan's templates and applications."""
    noms = set()
    for dossier in SOURCES_DES_ICONES:
        for fichier in (Path(settings.BASE_DIR) / dossier).rglob("*"):
            if fichier.suffix in {".html", ".py", ".txt"} and "migrations" not in fichier.parts:
                noms.update(ICONE.findall(fichier.read_text(encoding="utf-8")))
    return noms


def _icones(noms: set[str]) -> str:
    """The rules of the DSFR's icon modules that draw one of `noms`."""
    gardees = []
    for fichier in sorted(Path(finders.find(f"{DSFR}/utility/icons")).glob("icons-*/icons-*.main.min.css")):
        css = EN_TETE.sub("", fichier.read_text(encoding="utf-8"))
        source = f"{DSFR}/utility/icons/{fichier.parent.name}"
        for regle in _regles(css):
            if set(ICONE.findall(regle.split("{", 1)[0])) & noms:
                gardees.append(_reecrire(regle, source))
    return "".join(gardees)


def _polices(css: str) -> str:
    """Keep the font faces of `POLICES`, in woff2 only."""
    def _face(correspondance):
        face = correspondance.group(0)
        style = re.search(r"font-style:(\w+)", face).group(1)
        graisse = re.search(r"font-weight:(\w+)", face).group(1)
        if "font-family:Marianne" not in face or (style, graisse) not in POLICES:
            return ""
        return re.sub(r',url\([^)]*\.woff\) format\("woff"\)', "", face)
    return POLICE.sub(_face, css)


def _reecrire(css: str, dossier: str) -> str:
    """Point each url() of a sheet of static folder `dossier` from the built sheet's place; SVG drawings are
    written in as data: URLs."""
    def _url(correspondance):
        adresse = correspondance.group(2)
        if adresse.startswith(("data:", "#", "http:", "https:", "/")):
            return correspondance.group(0)
        chemin = posixpath.normpath(posixpath.join(dossier, adresse.split("?")[0].split("#")[0]))
        if chemin.endswith(".svg"):
            dessin = re.sub(r"\s+", " ", _lire(chemin)).strip()
            return f'url("data:image/svg+xml,{quote(dessin, safe=" /:=;,()-._~!*@+$")}")'
        return f"url({posixpath.relpath(chemin, posixpath.dirname(CHEMIN))})"
    return URL.sub(_url, css)


def feuille_construire() -> str:
    """The text of `magellan/dsfr.css` for the DSFR installed and the icons named today."""
    parties = [_reecrire(_polices(EN_TETE.sub("", _lire(f"{DSFR}/core/core.main.min.css"))), f"{DSFR}/core")]
    for composant in COMPOSANTS:
        dossier = f"{DSFR}/component/{composant}"
        parties.append(_reecrire(EN_TETE.sub("", _lire(f"{dossier}/{composant}.main.min.css")), dossier))
    parties.append(_icones(icones_nommees()))
    for chemin in AUTRES_FEUILLES:
        parties.append(_reecrire(_lire(chemin), posixpath.dirname(chemin)))
    licence = EN_TETE.search(_lire(f"{DSFR}/core/core.main.min.css")).group(0)
    note = "/* Magellan : le DSFR réduit aux composants, icônes et polices employés (programme/dsfr_leger.py). */"
    return '@charset "UTF-8";\n' + licence + "\n" + note + "\n" + "\n".join(parties) + "\n"


@lru_cache(maxsize=1)
def feuille_ecrite() -> Path:
    """The built sheet, written once per process in a cache folder named after its content."""
    texte = feuille_construire().encode("utf-8")
    empreinte = hashlib.sha256(texte).hexdigest()[:16]
    dossier = Path(tempfile.gettempdir()) / f"magellan-dsfr-{empreinte}"
    fichier = dossier / CHEMIN
    if not fichier.exists():
        fichier.parent.mkdir(parents=True, exist_ok=True)
        provisoire = fichier.with_suffix(f".{os.getpid()}.tmp")
        provisoire.write_bytes(texte)
        os.replace(provisoire, fichier)
    return dossier


class FeuilleDsfrFinder(BaseFinder):
    """Offers `magellan/dsfr.css`, built from the installed DSFR, to collectstatic and the development server."""

    def find(self, path, find_all=False, **kwargs):
        if path != CHEMIN:
            return [] if find_all or kwargs.get("all") else None
        trouve = str(feuille_ecrite() / CHEMIN)
        return [trouve] if find_all or kwargs.get("all") else trouve

    def list(self, ignore_patterns):
        yield CHEMIN, FileSystemStorage(location=str(feuille_ecrite()))
