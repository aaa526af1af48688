"""Small real files of each accepted type (and impostors), built in memory for the bureau d'aide's tests."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
TEXTE = "Ceci n'est pas un PDF, seulement du texte.\n".encode()

ODF = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
OOXML = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}


def _zip(entrees) -> bytes:
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        for nom, contenu in entrees.items():
            archive.writestr(nom, contenu)
    return tampon.getvalue()


def contenu(extension: str) -> bytes:
    """The bytes of a minimal file of that type."""
    extension = extension.lower()
    if extension in ODF:
        return _zip({"mimetype": ODF[extension], "content.xml": "<office:document-content/>"})
    if extension in OOXML:
        return _zip({"[Content_Types].xml": f'<Types><Override ContentType="{OOXML[extension]}"/></Types>',
                     "word/document.xml": "<w:document/>"})
    return {"pdf": PDF, "png": PNG, "jpg": JPEG, "jpeg": JPEG}[extension]


def fichier(nom: str, donnees: bytes | None = None) -> SimpleUploadedFile:
    """An upload named `nom`, holding `donnees` or a minimal file of the type its extension says."""
    return SimpleUploadedFile(nom, contenu(nom.rsplit(".", 1)[1]) if donnees is None else donnees)


def zip_quelconque() -> bytes:
    return _zip({"notes.txt": "rien d'office ici"})


def trop_gros(megaoctets: int = 21) -> bytes:
    """A real PDF header padded to `megaoctets` Mo."""
    return PDF + b"0" * (megaoctets * 1024 * 1024 - len(PDF))

