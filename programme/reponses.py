"""The responses that hand out a private file: downloaded (a document) or shown in a page (an image), never
sniffed, never cached."""

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header


def telechargement_prive(contenu, nom: str, type_contenu: str) -> HttpResponse:
    """`contenu` is an open file (streamed) or bytes; the browser saves it as `nom`, with the type Magellan
    states."""
    if isinstance(contenu, bytes):
        reponse = HttpResponse(contenu, content_type=type_contenu)
        reponse["Content-Disposition"] = content_disposition_header(True, nom)
    else:
        reponse = FileResponse(contenu, as_attachment=True, filename=nom, content_type=type_contenu)
    reponse["X-Content-Type-Options"] = "nosniff"
    reponse["Cache-Control"] = "private, no-store"
    return reponse


def image_privee(contenu, type_contenu: str) -> HttpResponse:
    """A private image (an open file, streamed) for an `<img>` of a page: shown, not saved; opened by itself, it
    runs nothing."""
    reponse = FileResponse(contenu, content_type=type_contenu)
    reponse["Content-Disposition"] = "inline"
    reponse["Content-Security-Policy"] = "default-src 'none'; sandbox"
    reponse["X-Content-Type-Options"] = "nosniff"
    reponse["Cache-Control"] = "private, no-store"
    return reponse
