"""Photos made in memory for the tests of the annuaire photo: real PNG and JPEG bytes, drawn by Pillow."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image(format_="PNG", largeur=600, hauteur=400, couleur=(0, 0, 145), exif=None) -> bytes:
    """The bytes of a `largeur` × `hauteur` picture in `format_` (PNG or JPEG), with `exif` metadata if given."""
    sortie = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new("RGB", (largeur, hauteur), couleur).save(sortie, format_, **options)
    return sortie.getvalue()


def photo_televersee(nom="photo.png", contenu=None) -> SimpleUploadedFile:
    """An upload as a browser sends it; a PNG of 600 × 400 unless `contenu` is given."""
    return SimpleUploadedFile(nom, image() if contenu is None else contenu, content_type="image/png")
