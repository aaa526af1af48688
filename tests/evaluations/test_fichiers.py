"""magellan.fichiers: a file is judged by its content, never by its name, and by its size."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from magellan.fichiers import TYPES_DOCUMENTS, fichier_verifier

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def _zip(entrees: dict) -> bytes:
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        for nom, contenu in entrees.items():
            archive.writestr(nom, contenu)
    return tampon.getvalue()


def odf(mimetype):
    return _zip({"mimetype": mimetype, "content.xml": "<office:document-content/>"})


def ooxml(contenu_principal):
    return _zip({
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               f'content-types"><Override PartName="/main.xml" ContentType="{contenu_principal}"/>'
                               "</Types>",
        "main.xml": "<document/>",
    })


DOCUMENTS_VALIDES = [
    ("support.pdf", PDF, "pdf"),
    ("capture.png", PNG, "png"),
    ("photo.jpg", JPEG, "jpeg"),
    ("photo.jpeg", JPEG, "jpeg"),
    ("bilan.odt", odf("application/vnd.oasis.opendocument.text"), "odt"),
    ("bilan.odp", odf("application/vnd.oasis.opendocument.presentation"), "odp"),
    ("bilan.docx", ooxml("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"), "docx"),
    ("bilan.pptx", ooxml("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
     "pptx"),
    ("sans-extension", PDF, "pdf"),
]


@pytest.mark.parametrize("nom,contenu,attendu", DOCUMENTS_VALIDES, ids=[d[0] for d in DOCUMENTS_VALIDES])
def test_chaque_format_accepte_est_reconnu_par_son_contenu(nom, contenu, attendu):
    """PDF, PNG, JPEG, ODT, ODP, DOCX and PPTX are recognised from their bytes."""
    assert fichier_verifier(SimpleUploadedFile(nom, contenu), TYPES_DOCUMENTS) == attendu


def test_un_faux_pdf_est_refuse_avec_un_message_en_francais():
    """A text file renamed .pdf is refused: the message says it is not a valid PDF."""
    with pytest.raises(ValidationError) as erreur:
        fichier_verifier(SimpleUploadedFile("support.pdf", b"Ceci n'est pas un PDF."), TYPES_DOCUMENTS)
    assert erreur.value.messages[0].startswith("Ce fichier n'est pas un PDF valide")


def test_un_png_nomme_pdf_est_refuse():
    """Content of an accepted type under a name claiming another type is refused too."""
    with pytest.raises(ValidationError, match="n'est pas un PDF valide"):
        fichier_verifier(SimpleUploadedFile("support.pdf", PNG), TYPES_DOCUMENTS)


def test_un_zip_quelconque_nomme_docx_est_refuse():
    """A zip without the OOXML declaration of a document is not a DOCX."""
    with pytest.raises(ValidationError, match="n'est pas un DOCX valide"):
        fichier_verifier(SimpleUploadedFile("bilan.docx", _zip({"a.txt": "bonjour"})), TYPES_DOCUMENTS)


def test_un_docx_a_macros_est_refuse():
    """A macro-enabled Word document is not among the accepted formats."""
    contenu = ooxml("application/vnd.ms-word.document.macroEnabled.main+xml")
    with pytest.raises(ValidationError):
        fichier_verifier(SimpleUploadedFile("bilan.docx", contenu), TYPES_DOCUMENTS)


def test_un_executable_est_refuse_et_les_formats_sont_rappeles():
    """An unknown format is refused, and the message lists the accepted ones."""
    with pytest.raises(ValidationError) as erreur:
        fichier_verifier(SimpleUploadedFile("outil.exe", b"MZ\x90\x00"), TYPES_DOCUMENTS)
    assert "PDF, ODT, ODP, DOCX, PPTX, PNG ou JPEG" in erreur.value.messages[0]


def test_un_fichier_de_21_mo_est_refuse(settings):
    """Above FICHIER_TAILLE_MAX (20 Mo) a file is refused, whatever its content."""
    fichier = SimpleUploadedFile("gros.pdf", PDF + b"0" * (21 * 1024 * 1024))
    with pytest.raises(ValidationError) as erreur:
        fichier_verifier(fichier, TYPES_DOCUMENTS)
    assert erreur.value.messages[0].startswith("Ce fichier pèse 21 Mo : la taille maximale est de 20 Mo.")


def test_un_type_reconnu_mais_non_admis_est_refuse():
    """A format the caller does not admit is refused with its name."""
    with pytest.raises(ValidationError, match="Les fichiers PNG ne sont pas acceptés ici"):
        fichier_verifier(SimpleUploadedFile("capture.png", PNG), ["pdf"])


def test_un_fichier_vide_est_refuse():
    """An empty file is refused."""
    with pytest.raises(ValidationError, match="vide"):
        fichier_verifier(SimpleUploadedFile("vide.pdf", b""), TYPES_DOCUMENTS)
