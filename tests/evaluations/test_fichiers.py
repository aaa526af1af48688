"""programme.fichiers, the project's one file checker: a file is judged by its content and its size; its name must
then agree with the content."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from evaluations.models.supports import FORMATS_ADMIS
from programme.fichiers import TYPES_DOCUMENTS, fichier_verifier

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def _zip(entrees: dict, compression=zipfile.ZIP_STORED) -> bytes:
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", compression) as archive:
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
    ("photo.JPEG", JPEG, "jpeg"),
    ("bilan.odt", odf("application/vnd.oasis.opendocument.text"), "odt"),
    ("budget.ods", odf("application/vnd.oasis.opendocument.spreadsheet"), "ods"),
    ("bilan.odp", odf("application/vnd.oasis.opendocument.presentation"), "odp"),
    ("bilan.docx", ooxml("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"), "docx"),
    ("mesures.xlsx", ooxml("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"), "xlsx"),
    ("bilan.pptx", ooxml("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
     "pptx"),
]


def _refus(nom, contenu, types_admis=TYPES_DOCUMENTS) -> str:
    """The message refusing that upload (the test fails if it is accepted)."""
    with pytest.raises(ValidationError) as erreur:
        fichier_verifier(SimpleUploadedFile(nom, contenu), types_admis)
    assert len(erreur.value.messages) == 1
    return erreur.value.messages[0]


@pytest.mark.parametrize("nom,contenu,attendu", DOCUMENTS_VALIDES, ids=[d[0] for d in DOCUMENTS_VALIDES])
def test_chaque_format_accepte_est_reconnu_par_son_contenu(nom, contenu, attendu):
    """PDF, PNG, JPEG, OpenDocument and Office files are recognised from their bytes, whatever the name's case."""
    assert fichier_verifier(SimpleUploadedFile(nom, contenu), TYPES_DOCUMENTS) == attendu


def test_un_faux_pdf_est_refuse_avec_un_message_en_francais():
    """A text file renamed .pdf is refused: the message names it and says what was expected."""
    assert _refus("support.pdf", b"Ceci n'est pas un PDF.") == (
        "Le fichier « support.pdf » n'a pas été accepté : son contenu n'est ni un PDF, ni une image PNG ou JPEG, "
        "ni un document OpenDocument (ODT, ODS, ODP) ou Office (DOCX, XLSX, PPTX)."
    )


def test_une_page_html_nommee_pdf_est_refusee():
    """An HTML page (a script inside) renamed .pdf is not a PDF."""
    message = _refus("support.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", FORMATS_ADMIS)
    assert message == ("Le fichier « support.pdf » n'a pas été accepté : son contenu n'est ni un PDF, ni une image "
                       "PNG ou JPEG, ni un document OpenDocument (ODT, ODP) ou Office (DOCX, PPTX).")


def test_un_png_nomme_pdf_ou_jpg_est_refuse_et_le_message_dit_ce_qu_il_est():
    """Content of an accepted type under a name claiming another type: the message says what it really is."""
    assert _refus("support.pdf", PNG) == ("Le nom du fichier « support.pdf » ne correspond pas à son contenu, qui est "
                                          "une image PNG : renommez-le avec l'extension .png.")
    assert "qui est une image PNG : renommez-le avec l'extension .png" in _refus("photo.jpg", PNG)


def test_un_pdf_sans_extension_est_refuse():
    """The name must agree with the content, so the file is offered back under an extension that opens it."""
    assert "renommez-le avec l'extension .pdf" in _refus("sans-extension", PDF)


def test_un_zip_quelconque_nomme_docx_est_refuse():
    """A zip without the OOXML declaration of a document is not a DOCX."""
    assert "n'a pas été accepté : son contenu n'est ni un PDF" in _refus("bilan.docx", _zip({"a.txt": "bonjour"}))


def test_une_archive_abimee_est_refusee_sans_erreur_serveur():
    """A docx whose compressed manifest is damaged (zlib error on reading) is refused, not a crash."""
    sain = _zip({"[Content_Types].xml": "<Types>" + "x" * 200 + "</Types>"}, zipfile.ZIP_DEFLATED)
    debut = sain.index(b"[Content_Types].xml") + len("[Content_Types].xml")
    abime = sain[:debut] + bytes(octet ^ 0xFF for octet in sain[debut:debut + 20]) + sain[debut + 20:]
    assert "n'a pas été accepté" in _refus("bilan.docx", abime)
    assert "n'a pas été accepté" in _refus("bilan.docx", b"PK\x03\x04 tronque")


def test_un_docx_a_macros_est_refuse():
    """A macro-enabled Word document is not among the accepted formats."""
    assert "n'a pas été accepté" in _refus(
        "bilan.docx", ooxml("application/vnd.ms-word.document.macroEnabled.main+xml"))


def test_un_executable_est_refuse():
    """An unknown format is refused."""
    assert "n'a pas été accepté" in _refus("outil.exe", b"MZ\x90\x00")


def test_un_fichier_de_21_mo_est_refuse():
    """Above FICHIER_TAILLE_MAX (20 Mo) a file is refused, whatever its content; the message gives both sizes."""
    assert _refus("gros.pdf", PDF + b"0" * (21 * 1024 * 1024)) == (
        "Le fichier « gros.pdf » pèse 21 Mo : il ne doit pas dépasser 20 Mo.")


def test_exactement_20_mo_passe_et_un_octet_de_plus_est_refuse():
    """The limit is inclusive; one byte over, the message does not claim the file weighs 20 Mo."""
    limite = 20 * 1024 * 1024
    assert fichier_verifier(SimpleUploadedFile("juste.pdf", PDF + b"0" * (limite - len(PDF))), FORMATS_ADMIS) == "pdf"
    assert _refus("juste.pdf", PDF + b"0" * (limite - len(PDF) + 1)) == (
        "Le fichier « juste.pdf » pèse plus de 20 Mo : il ne doit pas dépasser 20 Mo.")


def test_un_type_reconnu_mais_non_admis_est_refuse():
    """A format the caller does not admit is refused with its name and the accepted ones."""
    tableur = ooxml("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
    assert _refus("mesures.xlsx", tableur, FORMATS_ADMIS) == (
        "Le fichier « mesures.xlsx » n'a pas été accepté : c'est un classeur Excel, un format qui n'est pas accepté "
        "ici. Formats acceptés : PDF, ODT, ODP, DOCX, PPTX, PNG ou JPEG.")
    assert _refus("capture.png", PNG, ["pdf"]).endswith("Formats acceptés : PDF.")


def test_un_fichier_vide_est_refuse():
    """An empty file is refused."""
    assert _refus("vide.pdf", b"") == "Le fichier « vide.pdf » est vide : choisissez un autre fichier."
