"""The markdown body of a défi, as the public site writes it (Hugo), rendered into safe HTML.

`corps_en_html` is what a défi page shows; `realisations_du_corps` reads the links a body highlights
(arrow-link and dailymotion shortcodes) so the importer records them as réalisations.
"""

import re
import xml.etree.ElementTree as etree
from urllib.parse import urljoin, urlsplit

import markdown
from django.utils.html import format_html
from markdown.treeprocessors import Treeprocessor

from programme.html import html_nettoyer

from .models import Realisation

SITE_PUBLIC = "https://eig.numerique.gouv.fr"

BALISES_AUTORISEES = {
    "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "strong", "em", "blockquote", "code", "pre",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "br", "hr",
}
ATTRIBUTS_AUTORISES = {
    "a": {"href", "title"}, "ol": {"start"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"},
}

_SHORTCODE = re.compile(r"\{\{[<%]\s*(?P<contenu>.*?)\s*[>%]\}\}", re.S)
_NOM_ET_ARGUMENTS = re.compile(r"(?P<nom>/?[\w-]+)(?P<arguments>.*)", re.S)
_ARGUMENT = re.compile(r'(?P<cle>\w+)\s*=\s*"(?P<valeur>[^"]*)"|"(?P<cite>[^"]*)"|(?P<mot>[^\s"]+)')
# Hugo attribute lists ("{.subtitle}", "{#id .classe}") at the end of a heading line.
_ATTRIBUTS_DE_TITRE = re.compile(r"^(?P<titre>#{1,6}[^\n]*?)[ \t]*\{:?[ \t]*[.#][^}\n]*\}[ \t]*$", re.M)
_IDENTIFIANT_DAILYMOTION = re.compile(r"[A-Za-z0-9]+")
_JETON = "MAGELLANSHORTCODE{}FIN"
_JETON_TROUVE = re.compile(r"MAGELLANSHORTCODE(\d+)FIN")
_TITRES = {f"h{n}" for n in range(1, 7)}

CODE_HOTES = ("github.com", "gitlab.com", "framagit.org", "code.gouv.fr")
DONNEES_HOTES = ("data.gouv.fr",)
VIDEO_HOTES = ("dailymotion.com", "dai.ly")


def url_absolue(url: str) -> str:
    """A link of the public site made absolute: "/img/x.pdf" lives on the public site, not in Magellan."""
    url = url.strip()
    if url.startswith("/") and not url.startswith("//"):
        return urljoin(SITE_PUBLIC, url)
    return url


def _shortcodes(corps: str):
    """Each shortcode of the body as (match, name, named arguments, positional arguments).

    A positional argument is (text, quoted): a video id is a bare word, its title is quoted.
    """
    for trouve in _SHORTCODE.finditer(corps):
        decoupe = _NOM_ET_ARGUMENTS.fullmatch(trouve.group("contenu"))
        if not decoupe:
            yield trouve, "", {}, []
            continue
        nommes, positionnels = {}, []
        for argument in _ARGUMENT.finditer(decoupe.group("arguments")):
            if argument.group("cle"):
                nommes[argument.group("cle")] = argument.group("valeur").strip()
            else:
                cite = argument.group("cite")
                positionnels.append((cite.strip(), True) if cite is not None else (argument.group("mot"), False))
        yield trouve, decoupe.group("nom").lower(), nommes, positionnels


def _lien_du_shortcode(nom, nommes, positionnels):
    """The (title, url) a shortcode links to, or None for a shortcode that shows nothing here."""
    if nom == "arrow-link" and nommes.get("url"):
        url = url_absolue(nommes["url"])
        return (nommes.get("title") or url), url
    if nom == "dailymotion" and positionnels and not positionnels[0][1]:
        identifiant = positionnels[0][0]
        if _IDENTIFIANT_DAILYMOTION.fullmatch(identifiant):
            titre = positionnels[1][0] if len(positionnels) > 1 and positionnels[1][0] else "Vidéo"
            return titre, f"https://www.dailymotion.com/video/{identifiant}"
    return None


def _hote_parmi(url: str, domaines) -> bool:
    hote = (urlsplit(url).hostname or "").lower()
    return any(hote == domaine or hote.endswith("." + domaine) for domaine in domaines)


def type_de_realisation(url: str) -> str:
    """Code on a forge, data on data.gouv.fr, a video on Dailymotion; any other link is a site."""
    if _hote_parmi(url, CODE_HOTES) or (urlsplit(url).hostname or "").lower().startswith("gitlab."):
        return Realisation.Type.CODE
    if _hote_parmi(url, DONNEES_HOTES):
        return Realisation.Type.DONNEES
    if _hote_parmi(url, VIDEO_HOTES):
        return Realisation.Type.VIDEO
    return Realisation.Type.SITE


def realisations_du_corps(corps: str) -> list[tuple[str, str, str]]:
    """The réalisations a body highlights, as (type, titre, url), each url once, in reading order."""
    realisations, vues = [], set()
    for _trouve, nom, nommes, positionnels in _shortcodes(corps or ""):
        lien = _lien_du_shortcode(nom, nommes, positionnels)
        if lien is None or lien[1] in vues:
            continue
        titre, url = lien
        vues.add(url)
        realisations.append((type_de_realisation(url), titre, url))
    return realisations


class _MiseEnPage(Treeprocessor):
    """Headings start at h2 (the page holds the h1), links are absolute, images become links."""

    def run(self, root):
        titres = [element for element in root.iter() if element.tag in _TITRES]
        if titres:
            decalage = max(0, 2 - min(int(element.tag[1]) for element in titres))
            for element in titres:
                element.tag = f"h{min(6, int(element.tag[1]) + decalage)}"
        for parent in root.iter():
            for position, element in enumerate(list(parent)):
                if element.tag == "img":
                    parent[position] = self._image_en_lien(element)
                elif element.tag == "a" and element.get("href"):
                    element.set("href", url_absolue(element.get("href")))

    @staticmethod
    def _image_en_lien(image):
        # No images from another host in our pages (eco-design): a link to the picture keeps its meaning.
        lien = etree.Element("a", href=url_absolue(image.get("src", "")))
        lien.text = "Image : " + (image.get("alt") or image.get("title") or "sans description")
        lien.tail = image.tail
        return lien


class _Extension(markdown.Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_MiseEnPage(md), "magellan_mise_en_page", 5)


def corps_en_html(corps: str) -> str:
    """The défi's markdown body as HTML safe to show: text tags only, no raw HTML, no script."""
    liens = []

    def remplacer(trouve, nom, nommes, positionnels):
        lien = _lien_du_shortcode(nom, nommes, positionnels)
        if lien is None:
            return ""
        titre, url = lien
        if nom == "dailymotion":
            titre = f"Voir la vidéo : {titre}"
        liens.append(format_html('<a href="{}">{}</a>', url, titre))
        return _JETON.format(len(liens) - 1)

    texte = corps or ""
    morceaux, debut = [], 0
    for trouve, nom, nommes, positionnels in _shortcodes(texte):
        morceaux += [texte[debut:trouve.start()], remplacer(trouve, nom, nommes, positionnels)]
        debut = trouve.end()
    texte = "".join(morceaux) + texte[debut:]
    texte = _ATTRIBUTS_DE_TITRE.sub(r"\g<titre>", texte)

    html = markdown.markdown(texte, extensions=["tables", "fenced_code", "sane_lists", _Extension()])
    html = _JETON_TROUVE.sub(lambda trouve: liens[int(trouve.group(1))], html)
    return html_nettoyer(html, balises=BALISES_AUTORISEES, attributs=ATTRIBUTS_AUTORISES)
