"""Photos of the annuaire de la communauté: a PNG or JPEG of at most PHOTO_TAILLE_MAX, checked by its content
(`fichiers.fichier_verifier`), decoded, then written anew as a square of at most PHOTO_COTE pixels. Written anew,
it keeps nothing the camera noted in it (place, device, date), and its size on the card is known."""

import io
import os
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

from .fichiers import IMAGES, TYPES, _en_mo, fichier_verifier

PHOTO_TAILLE_MAX = 2 * 1024 * 1024
# The side of the square kept, in pixels: a card shows it smaller, a screen of high density stays sharp.
PHOTO_COTE = 400
# A small file may hold a huge picture (a decompression bomb): beyond this many pixels it is not decoded.
PHOTO_PIXELS_MAX = 40_000_000
FORMATS_PIL = {"png": "PNG", "jpeg": "JPEG"}


@dataclass(frozen=True)
class Photo:
    """A photo ready to be stored: its bytes, written anew, and its type (a key of `fichiers.TYPES`)."""

    contenu: bytes
    type: str

    @property
    def extension(self) -> str:
        return TYPES[self.type].extension


def photo_aide() -> str:
    """What the upload field says of the accepted photos."""
    return (f"Une image PNG ou JPEG de {_en_mo(PHOTO_TAILLE_MAX)} au plus, vérifiée d'après son contenu. Elle est "
            f"recadrée en carré de {PHOTO_COTE} pixels au plus ; ce que l'appareil y avait noté (lieu, date, "
            "appareil) n'est pas gardé.")


def _dimensions_verifier(image, nom):
    if image.width * image.height > PHOTO_PIXELS_MAX:
        raise ValidationError(
            f"L'image « {nom} » est trop grande ({image.width} × {image.height} pixels) : réduisez-la avant de la "
            f"déposer, {PHOTO_COTE} × {PHOTO_COTE} pixels suffisent.", code="dimensions",
        )


def photo_preparer(fichier) -> Photo:
    """The uploaded `fichier` as a stored photo, or a ValidationError in French naming the file: too heavy, empty,
    not a PNG or JPEG by its content, too large a picture, or not readable as the image it claims to be."""
    cle = fichier_verifier(fichier, IMAGES, taille_max=PHOTO_TAILLE_MAX)
    nom = os.path.basename((getattr(fichier, "name", "") or "").replace("\\", "/"))
    illisible = ValidationError(
        f"Le fichier « {nom} » n'a pas pu être lu comme une image {TYPES[cle].libelle} : il est peut-être abîmé. "
        "Choisissez une autre photo.", code="illisible",
    )
    try:
        if cle == "png":
            # Every chunk read with its checksum: a cut or damaged PNG is refused even though WeasyPrint, once
            # imported, lets Pillow pad truncated images (ImageFile.LOAD_TRUNCATED_IMAGES).
            fichier.seek(0)
            with Image.open(fichier, formats=["PNG"]) as image:
                _dimensions_verifier(image, nom)
                image.verify()
        fichier.seek(0)
        with Image.open(fichier, formats=[FORMATS_PIL[cle]]) as image:
            _dimensions_verifier(image, nom)
            image = ImageOps.exif_transpose(image)
            if cle == "jpeg" and image.mode != "RGB":
                image = image.convert("RGB")
            elif cle == "png" and image.mode not in ("RGB", "RGBA", "L", "LA"):
                image = image.convert("RGBA")
            cote = min(image.width, image.height, PHOTO_COTE)
            image = ImageOps.fit(image, (cote, cote))
            sortie = io.BytesIO()
            image.save(sortie, FORMATS_PIL[cle], **({"quality": 85} if cle == "jpeg" else {"optimize": True}))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as erreur:
        raise illisible from erreur
    finally:
        fichier.seek(0)
    return Photo(sortie.getvalue(), cle)
