"""Checking an uploaded file by its content, never by its name: PDF, OpenDocument, Office (OOXML), PNG and JPEG.

The project's one file checker. Any app that accepts a document (comité supports, bureau d'aide) calls
`fichier_verifier(fichier, types_admis)`: it answers the type the bytes say (a key of TYPES) or raises a
ValidationError in French naming the file. The content decides the type; the name must then agree with it,
so that a file is always offered back under an extension that opens it. Only the standard library is used
(`zipfile` for the office formats), so no system library is needed.
"""

import os
import re
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class TypeFichier:
    libelle: str
    description: str
    mime: str
    extensions: tuple[str, ...]

    @property
    def extension(self):
        return self.extensions[0]


TYPES = {
    "pdf": TypeFichier("PDF", "un document PDF", "application/pdf", (".pdf",)),
    "odt": TypeFichier("ODT", "un texte OpenDocument", "application/vnd.oasis.opendocument.text", (".odt",)),
    "ods": TypeFichier("ODS", "un classeur OpenDocument", "application/vnd.oasis.opendocument.spreadsheet",
                       (".ods",)),
    "odp": TypeFichier("ODP", "une présentation OpenDocument", "application/vnd.oasis.opendocument.presentation",
                       (".odp",)),
    "docx": TypeFichier("DOCX", "un document Word",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
    "xlsx": TypeFichier("XLSX", "un classeur Excel",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "pptx": TypeFichier("PPTX", "une présentation PowerPoint",
                        "application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",)),
    "png": TypeFichier("PNG", "une image PNG", "image/png", (".png",)),
    "jpeg": TypeFichier("JPEG", "une image JPEG", "image/jpeg", (".jpg", ".jpeg")),
}
TYPES_DOCUMENTS = tuple(TYPES)
OPENDOCUMENT = ("odt", "ods", "odp")
OFFICE = ("docx", "xlsx", "pptx")
IMAGES = ("png", "jpeg")

# The main part's content type declares what an OOXML package is; macro-enabled variants are not accepted.
CONTENU_OOXML = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
MIMETYPE_ODF = {TYPES[cle].mime: cle for cle in OPENDOCUMENT}
# An honest `mimetype` or `[Content_Types].xml` entry is small; a larger one is not read (zip bombs).
TAILLE_MAX_MIMETYPE = 200
TAILLE_MAX_MANIFESTE = 512 * 1024
UN_MO = 1024 * 1024


def _en_mo(octets: int) -> str:
    return f"{octets / UN_MO:.1f}".replace(".", ",").removesuffix(",0") + " Mo"


def _ou(mots) -> str:
    mots = list(mots)
    return mots[0] if len(mots) == 1 else ", ".join(mots[:-1]) + " ou " + mots[-1]


def formats_en_clair(types_admis) -> str:
    """« PDF, ODT ou PNG »: the accepted formats, as a sentence says them."""
    return _ou(TYPES[t].libelle for t in TYPES if t in types_admis)


def extensions_acceptees(types_admis) -> str:
    """The `accept` attribute of a file input: « .pdf,.png,.jpg,.jpeg »."""
    return ",".join(ext for cle in TYPES if cle in types_admis for ext in TYPES[cle].extensions)


def _contenus_admis(types_admis) -> str:
    """« ni un PDF, ni une image PNG ou JPEG, ni un document OpenDocument (ODT, ODP) ou Office (DOCX) »."""
    parties = ["un PDF"] if "pdf" in types_admis else []
    images = [TYPES[t].libelle for t in IMAGES if t in types_admis]
    if images:
        parties.append("une image " + _ou(images))
    bureautique = [f"{famille} ({', '.join(TYPES[t].libelle for t in cles if t in types_admis)})"
                   for famille, cles in (("OpenDocument", OPENDOCUMENT), ("Office", OFFICE))
                   if any(t in types_admis for t in cles)]
    if bureautique:
        parties.append("un document " + " ou ".join(bureautique))
    return "ni " + ", ni ".join(parties) if len(parties) > 1 else "pas " + parties[0]


def _type_du_zip(fichier) -> str | None:
    try:
        with zipfile.ZipFile(fichier) as archive:
            noms = set(archive.namelist())
            if "mimetype" in noms:
                if archive.getinfo("mimetype").file_size > TAILLE_MAX_MIMETYPE:
                    return None
                return MIMETYPE_ODF.get(archive.read("mimetype").decode("ascii", "replace").strip())
            if "[Content_Types].xml" in noms:
                if archive.getinfo("[Content_Types].xml").file_size > TAILLE_MAX_MANIFESTE:
                    return None
                declaration = archive.read("[Content_Types].xml").decode("utf-8", "replace")
                return next((CONTENU_OOXML[contenu] for contenu in re.findall(r'ContentType="([^"]+)"', declaration)
                             if contenu in CONTENU_OOXML), None)
    # A damaged archive raises many kinds of errors (a corrupt deflate stream raises zlib.error): none is a document.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, KeyError, OSError, EOFError, ValueError,
            RuntimeError, NotImplementedError):
        return None
    return None


def type_du_contenu(fichier) -> str | None:
    """The type the file's bytes say it is (a key of TYPES), or None; the file is left at its start."""
    fichier.seek(0)
    entete = fichier.read(8)
    try:
        if entete.startswith(b"%PDF-"):
            return "pdf"
        if entete.startswith(b"\x89PNG\r\n\x1a\n"):
            return "png"
        if entete.startswith(b"\xff\xd8\xff"):
            return "jpeg"
        if entete.startswith(b"PK\x03\x04"):
            fichier.seek(0)
            return _type_du_zip(fichier)
        return None
    finally:
        fichier.seek(0)


def type_du_nom(nom: str) -> str | None:
    """The type a file's name claims by its extension, or None."""
    extension = os.path.splitext(nom or "")[1].lower()
    return next((cle for cle, type_fichier in TYPES.items() if extension in type_fichier.extensions), None)


def fichier_verifier(fichier, types_admis=TYPES_DOCUMENTS, *, taille_max: int | None = None) -> str:
    """Check an uploaded file's size and content; answer its type (`"pdf"`, `"docx"`…) or raise ValidationError.

    Refused, each with its own message: a file over `taille_max` (FICHIER_TAILLE_MAX unless told), an empty one,
    one whose bytes are none of the admitted types (a text named `.pdf`, any zip named `.docx`), one of a known
    type not admitted here, and one whose name's extension does not match its content (a PNG named `.jpg`).
    """
    nom = os.path.basename((getattr(fichier, "name", "") or "").replace("\\", "/"))
    taille_max = taille_max or settings.FICHIER_TAILLE_MAX
    if fichier.size > taille_max:
        taille = _en_mo(fichier.size)
        # Just over the limit, the rounded size would read as the limit itself.
        taille = f"plus de {_en_mo(taille_max)}" if taille == _en_mo(taille_max) else taille
        raise ValidationError(
            f"Le fichier « {nom} » pèse {taille} : il ne doit pas dépasser {_en_mo(taille_max)}.", code="taille"
        )
    if fichier.size == 0:
        raise ValidationError(f"Le fichier « {nom} » est vide : choisissez un autre fichier.", code="vide")
    cle = type_du_contenu(fichier)
    if cle is None:
        raise ValidationError(
            f"Le fichier « {nom} » n'a pas été accepté : son contenu n'est {_contenus_admis(types_admis)}.",
            code="type",
        )
    attendu = TYPES[cle]
    if cle not in types_admis:
        raise ValidationError(
            f"Le fichier « {nom} » n'a pas été accepté : c'est {attendu.description}, un format qui n'est pas "
            f"accepté ici. Formats acceptés : {formats_en_clair(types_admis)}.", code="format_refuse",
        )
    if os.path.splitext(nom)[1].lower() not in attendu.extensions:
        raise ValidationError(
            f"Le nom du fichier « {nom} » ne correspond pas à son contenu, qui est {attendu.description} : "
            f"renommez-le avec l'extension {attendu.extension}.", code="extension",
        )
    return cle
