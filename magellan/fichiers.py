"""Checking an uploaded file by its content, never by its name: PDF, OpenDocument, OOXML, PNG and JPEG.

Any app that accepts a document (comité supports, bureau d'aide) calls `fichier_verifier(fichier, types_admis)`:
it answers the recognised type (a key of TYPES) or raises a ValidationError in French. Only the standard
library is used (`zipfile` for the office formats), so no system library is needed.
"""

import os
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class TypeFichier:
    libelle: str
    mime: str
    extensions: tuple[str, ...]

    @property
    def extension(self):
        return self.extensions[0]


TYPES = {
    "pdf": TypeFichier("PDF", "application/pdf", (".pdf",)),
    "odt": TypeFichier("ODT", "application/vnd.oasis.opendocument.text", (".odt",)),
    "odp": TypeFichier("ODP", "application/vnd.oasis.opendocument.presentation", (".odp",)),
    "docx": TypeFichier(
        "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)
    ),
    "pptx": TypeFichier(
        "PPTX", "application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",)
    ),
    "png": TypeFichier("PNG", "image/png", (".png",)),
    "jpeg": TypeFichier("JPEG", "image/jpeg", (".jpg", ".jpeg")),
}
TYPES_DOCUMENTS = tuple(TYPES)

# The main part's content type declares what an OOXML package is; macro-enabled variants are not accepted.
CONTENU_OOXML = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
# An honest `mimetype` or `[Content_Types].xml` entry is small; a larger one is not read (zip bombs).
TAILLE_MAX_ENTREE_ZIP = 1024 * 1024


def _taille_en_clair(octets: int) -> str:
    return f"{octets / (1024 * 1024):.1f}".replace(".", ",").replace(",0", "") + " Mo"


def formats_en_clair(types_admis) -> str:
    """« PDF, ODT ou PNG »: the accepted formats, as a sentence says them."""
    libelles = [TYPES[t].libelle for t in types_admis]
    if len(libelles) == 1:
        return libelles[0]
    return ", ".join(libelles[:-1]) + " ou " + libelles[-1]


def _type_du_zip(fichier) -> str | None:
    try:
        with zipfile.ZipFile(fichier) as archive:
            noms = set(archive.namelist())
            if "mimetype" in noms:
                if archive.getinfo("mimetype").file_size > TAILLE_MAX_ENTREE_ZIP:
                    return None
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return {TYPES["odt"].mime: "odt", TYPES["odp"].mime: "odp"}.get(mimetype)
            if "[Content_Types].xml" in noms:
                if archive.getinfo("[Content_Types].xml").file_size > TAILLE_MAX_ENTREE_ZIP:
                    return None
                declaration = archive.read("[Content_Types].xml").decode("utf-8", "replace")
                for contenu in re.findall(r'ContentType="([^"]+)"', declaration):
                    if contenu in CONTENU_OOXML:
                        return CONTENU_OOXML[contenu]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, RuntimeError, NotImplementedError):
        return None
    return None


def type_du_contenu(fichier) -> str | None:
    """The type the file's bytes say it is (a key of TYPES), or None; the file is read from its start."""
    fichier.seek(0)
    entete = fichier.read(8)
    fichier.seek(0)
    if entete.startswith(b"%PDF-"):
        return "pdf"
    if entete.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if entete.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if entete.startswith(b"PK\x03\x04"):
        try:
            return _type_du_zip(fichier)
        finally:
            fichier.seek(0)
    return None


def type_du_nom(nom: str) -> str | None:
    """The type a file's name claims by its extension, or None."""
    extension = os.path.splitext(nom or "")[1].lower()
    for cle, type_fichier in TYPES.items():
        if extension in type_fichier.extensions:
            return cle
    return None


def fichier_verifier(fichier, types_admis=TYPES_DOCUMENTS) -> str:
    """Check an uploaded file's size and content; answer its type (`"pdf"`, `"docx"`…) or raise ValidationError.

    The name only serves to word the message: a file named `.pdf` whose bytes are not a PDF is refused, and
    so is a file whose content is of an accepted type but whose name claims another one.
    """
    formats = formats_en_clair(types_admis)
    taille_max = settings.FICHIER_TAILLE_MAX
    if fichier.size > taille_max:
        raise ValidationError(
            f"Ce fichier pèse {_taille_en_clair(fichier.size)} : la taille maximale est de "
            f"{_taille_en_clair(taille_max)}. Réduisez-le (export PDF compressé, images allégées) "
            "ou partagez-le autrement.",
            code="trop_gros",
        )
    if fichier.size == 0:
        raise ValidationError("Ce fichier est vide : choisissez un autre fichier.", code="vide")
    par_le_contenu = type_du_contenu(fichier)
    par_le_nom = type_du_nom(getattr(fichier, "name", ""))
    if par_le_nom and par_le_contenu != par_le_nom:
        raise ValidationError(
            f"Ce fichier n'est pas un {TYPES[par_le_nom].libelle} valide, bien que son nom se termine par "
            f"{os.path.splitext(fichier.name)[1].lower()} : son contenu ne correspond pas. Formats acceptés : "
            f"{formats}.",
            code="contenu_incoherent",
        )
    if par_le_contenu is None:
        raise ValidationError(
            f"Ce fichier n'est pas d'un format accepté. Formats acceptés : {formats}.", code="format_inconnu"
        )
    if par_le_contenu not in types_admis:
        raise ValidationError(
            f"Les fichiers {TYPES[par_le_contenu].libelle} ne sont pas acceptés ici. Formats acceptés : {formats}.",
            code="format_refuse",
        )
    return par_le_contenu
