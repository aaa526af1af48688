"""A resource page's Markdown rendered into safe HTML, in the syntax of the coaches' documentation site (VuePress):

- `[[toc]]` alone on its line: the page's table of contents (DSFR « sommaire ») ;
- `::: tip Titre` … `:::` (tip, info, note, warning, danger, details): a DSFR callout (`fr-callout`) or alert
  (`fr-alert`) ;
- headings carry the anchors the site gave them (GitHub's way: lower case, punctuation dropped, spaces as
  hyphens), so that `page#titre-de-section` links keep working.

Python-Markdown (already rendering défi bodies) and its `toc`, `md_in_html` and `tables` extensions do the
Markdown; nh3 then keeps only text tags and the DSFR classes, so no script and no inline style ever reaches a page.
"""

import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

import markdown
from markdown.extensions.toc import TocExtension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from programme.html import html_nettoyer

MARQUE_SOMMAIRE = "[[toc]]"


@dataclass(frozen=True)
class Encadre:
    """How a `:::` block of a type is shown: its DSFR classes, its title class and the title it gets by default."""

    classes: str
    classe_titre: str
    titre: str


ENCADRES = {
    "tip": Encadre("fr-callout", "fr-callout__title", "À retenir"),
    "details": Encadre("fr-callout", "fr-callout__title", "Pour aller plus loin"),
    "info": Encadre("fr-alert fr-alert--info", "fr-alert__title", "Information"),
    "note": Encadre("fr-alert fr-alert--info", "fr-alert__title", "Information"),
    "warning": Encadre("fr-alert fr-alert--warning", "fr-alert__title", "Attention"),
    "danger": Encadre("fr-alert fr-alert--error", "fr-alert__title", "Danger"),
}
# An unknown type is shown as a tip (and reported by the importer).
ENCADRE_PAR_DEFAUT = ENCADRES["tip"]

OUVERTURE = re.compile(r"^\s*:::\s*(?P<type>[\w-]+)\s*(?P<titre>.*?)\s*$")
FERMETURE = re.compile(r"^\s*:::\s*$")

BALISES_AUTORISEES = {
    "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "strong", "em", "b", "i", "blockquote", "code", "pre",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "br", "hr", "div", "nav", "img", "span", "abbr",
    "del", "sup", "sub",
}
ATTRIBUTS_AUTORISES = {
    "a": {"href", "title", "class"}, "ol": {"start", "class"}, "ul": {"class"}, "li": {"class"},
    "th": {"colspan", "rowspan", "scope"}, "td": {"colspan", "rowspan"},
    "div": {"class"}, "p": {"class", "id"}, "nav": {"class", "aria-labelledby"}, "table": {"class"},
    "img": {"src", "alt", "title", "width", "height"}, "abbr": {"title"},
    **{f"h{n}": {"id"} for n in range(2, 7)},
}


def ancre(texte: str, separateur: str = "-") -> str:
    """A heading's anchor as the coaches' site wrote it: « Comité d'évaluation » → « comité-dévaluation »."""
    texte = re.sub(r"[^\w\- ]", "", texte.strip().lower())
    return texte.replace(" ", separateur)


def encadres_lus(lignes: list[str]) -> tuple[list[str], list[tuple[int, str]]]:
    """The lines with each `:::` block turned into a DSFR callout, and the problems met: (line number, message)."""
    sortie, problemes, ouvert = [], [], None
    for numero, ligne in enumerate(lignes, start=1):
        if ouvert is not None and FERMETURE.match(ligne):
            sortie += ["", "</div>", "</div>", ""]
            ouvert = None
            continue
        trouve = OUVERTURE.match(ligne)
        if trouve and ouvert is None:
            type_ = trouve["type"].lower()
            encadre = ENCADRES.get(type_)
            if encadre is None:
                problemes.append((numero, f"encadré « {type_} » inconnu : montré comme « tip »"))
                encadre = ENCADRE_PAR_DEFAUT
            titre = html.escape(trouve["titre"] or encadre.titre)
            sortie += ["", f'<div class="{encadre.classes}" markdown="1">',
                       f'<p class="{encadre.classe_titre}">{titre}</p>', "", '<div markdown="1">', ""]
            ouvert = numero
            continue
        if FERMETURE.match(ligne):
            problemes.append((numero, "« ::: » fermant un encadré jamais ouvert : ignoré"))
            continue
        sortie.append(ligne)
    if ouvert is not None:
        problemes.append((ouvert, "encadré jamais refermé : fermé à la fin de la page"))
        sortie += ["", "</div>", "</div>", ""]
    return sortie, problemes


class _Encadres(Preprocessor):
    def run(self, lines):
        return encadres_lus(lines)[0]


class _SommaireDsfr(Treeprocessor):
    """The toc extension's list, as the DSFR's « sommaire »."""

    def run(self, root):
        for sommaire in root.iter("div"):
            if sommaire.get("class") != "fr-summary":
                continue
            sommaire.tag = "nav"
            sommaire.set("aria-labelledby", "sommaire-titre")
            for enfant in list(sommaire):
                if enfant.tag == "span":
                    sommaire.remove(enfant)
            titre = etree.Element("p", {"class": "fr-summary__title", "id": "sommaire-titre"})
            titre.text = "Sommaire"
            sommaire.insert(0, titre)
            for liste in sommaire.iter("ul"):
                liste.tag = "ol"
                liste.set("class", "fr-summary__list")
            for lien in sommaire.iter("a"):
                lien.set("class", "fr-summary__link")


class _NiveauxDeTitres(Treeprocessor):
    """Headings one level under the one before, at most, the page's title being the h1: the coaches' site jumps
    from its « # » title to « ### » sections, which a screen reader's outline reads as a missing level."""

    def run(self, root):
        # The enclosing headings: (level written, level given), innermost last.
        parents = []
        for element in root.iter():
            if element.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                ecrit = int(element.tag[1])
                while parents and parents[-1][0] >= ecrit:
                    parents.pop()
                donne = min(parents[-1][1] + 1 if parents else 2, 6)
                parents.append((ecrit, donne))
                element.tag = f"h{donne}"


class _Extension(markdown.Extension):
    def extendMarkdown(self, md):
        # Before md_in_html reads the raw HTML blocks (priority 20).
        md.preprocessors.register(_Encadres(md), "magellan_encadres", 25)
        # Before the toc extension (priority 5) lists the headings, after their inline text is read (20).
        md.treeprocessors.register(_NiveauxDeTitres(md), "magellan_niveaux", 6)
        # After the toc extension (priority 5) has built its list.
        md.treeprocessors.register(_SommaireDsfr(md), "magellan_sommaire", 4)


def _convertisseur() -> markdown.Markdown:
    return markdown.Markdown(extensions=[
        "tables", "sane_lists", "fenced_code", "md_in_html",
        TocExtension(marker=MARQUE_SOMMAIRE, slugify=ancre, toc_class="fr-summary",
                                             toc_depth="2-3"),
        _Extension(),
    ])


def contenu_en_html(contenu: str) -> str:
    """A resource's Markdown as HTML safe to show in a page: no script, no style, no event attribute."""
    html_brut = _convertisseur().convert(contenu or "")
    return html_nettoyer(html_brut, balises=BALISES_AUTORISEES, attributs=ATTRIBUTS_AUTORISES)


_ID_DE_TITRE = re.compile(r'<h[2-6] id="([^"]+)"')


def ancres_de(contenu: str) -> set[str]:
    """The anchors of a page's headings (read by the importer to check the links between pages)."""
    return {html.unescape(ancre_) for ancre_ in _ID_DE_TITRE.findall(contenu_en_html(contenu))}
