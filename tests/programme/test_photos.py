"""The annuaire photo of a person: only a real PNG or JPEG of bounded weight and size is kept, written anew as a
square without its metadata; replacing or removing it removes the former file from the private storage."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image, ImageFile

from programme import photos
from programme.factories import PersonneFactory
from programme.photos import PHOTO_COTE, PHOTO_TAILLE_MAX, photo_preparer
from programme.services import photo_remplacer, photo_supprimer
from tests.constantes import constante_changer
from tests.programme.outils_photos import image, photo_televersee


def test_un_faux_png_est_refuse_d_apres_son_contenu():
    """A text file named .png is refused, the message naming the file and the accepted formats."""
    with pytest.raises(ValidationError) as erreur:
        photo_preparer(photo_televersee("moi.png", b"pas une image du tout"))
    assert erreur.value.messages == [
        "Le fichier « moi.png » n'a pas été accepté : son contenu n'est pas une image PNG ou JPEG."]


def test_un_document_pdf_n_est_pas_une_photo():
    """A real PDF, a format Magellan knows, is refused here with the formats accepted for a photo."""
    with pytest.raises(ValidationError) as erreur:
        photo_preparer(photo_televersee("cv.pdf", b"%PDF-1.4\n%%EOF\n"))
    assert "Formats acceptés : PNG ou JPEG." in erreur.value.messages[0]


def test_une_photo_trop_lourde_est_refusee_avec_la_limite_en_clair():
    """A file over PHOTO_TAILLE_MAX (2 Mo) is refused before being read, the message saying the limit."""
    contenu = image()
    lourde = contenu + b"\0" * (PHOTO_TAILLE_MAX + 2**20 - len(contenu))
    with pytest.raises(ValidationError) as erreur:
        photo_preparer(photo_televersee("lourde.png", lourde))
    assert erreur.value.messages == ["Le fichier « lourde.png » pèse 3 Mo : il ne doit pas dépasser 2 Mo."]


def test_la_limite_de_poids_suit_sa_constante(monkeypatch):
    """The limit is PHOTO_TAILLE_MAX: lowered, a photo that was accepted is refused."""
    contenu = image()
    assert photo_preparer(photo_televersee("moi.png", contenu)).type == "png"
    constante_changer(monkeypatch, photos, "PHOTO_TAILLE_MAX", len(contenu) - 1)
    with pytest.raises(ValidationError, match="ne doit pas dépasser"):
        photo_preparer(photo_televersee("moi.png", contenu))


@pytest.mark.parametrize("tronquees_admises", [False, True])
def test_un_png_tronque_est_refuse_comme_illisible(monkeypatch, tronquees_admises):
    """A file that starts like a PNG but stops half-way cannot be read: refused, in French — also once WeasyPrint
    has told Pillow to pad truncated images."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", tronquees_admises)
    contenu = image(largeur=300, hauteur=300)
    with pytest.raises(ValidationError) as erreur:
        photo_preparer(photo_televersee("coupee.png", contenu[:60]))
    assert "n'a pas pu être lu comme une image PNG" in erreur.value.messages[0]


def test_une_image_demesuree_est_refusee_sans_etre_decodee(monkeypatch):
    """A picture of more pixels than PHOTO_PIXELS_MAX (a small file can hold a huge one) is refused, saying its
    size."""
    constante_changer(monkeypatch, photos, "PHOTO_PIXELS_MAX", 599 * 400)
    with pytest.raises(ValidationError) as erreur:
        photo_preparer(photo_televersee("immense.png"))
    assert erreur.value.messages == ["L'image « immense.png » est trop grande (600 × 400 pixels) : réduisez-la avant "
                                     "de la déposer, 400 × 400 pixels suffisent."]


def test_la_photo_est_recadree_en_carre_sans_ses_metadonnees():
    """A landscape JPEG carrying the camera's metadata comes back a JPEG square of PHOTO_COTE pixels, without
    them."""
    exif = Image.Exif()
    exif[0x010F] = "Appareil de Nina"
    photo = photo_preparer(photo_televersee("vacances.jpg", image("JPEG", 1200, 800, exif=exif.tobytes())))
    assert photo.type == "jpeg" and photo.extension == ".jpg"
    with Image.open(io.BytesIO(photo.contenu)) as relue:
        assert relue.format == "JPEG" and relue.size == (PHOTO_COTE, PHOTO_COTE)
        assert not relue.getexif() and "exif" not in relue.info
    assert b"Appareil de Nina" not in photo.contenu


def test_une_petite_photo_reste_a_sa_taille_en_carre():
    """A photo smaller than PHOTO_COTE is not enlarged: it is cut to a square of its smaller side."""
    photo = photo_preparer(photo_televersee("petite.png", image(largeur=120, hauteur=90)))
    with Image.open(io.BytesIO(photo.contenu)) as relue:
        assert relue.size == (90, 90)


@pytest.mark.django_db
def test_remplacer_la_photo_supprime_l_ancien_fichier(django_capture_on_commit_callbacks):
    """A second photo takes the place of the first: the person points to the new file, the old one is gone."""
    personne = PersonneFactory()
    with django_capture_on_commit_callbacks(execute=True):
        photo_remplacer(personne, photo_televersee("premiere.png"))
    premiere = personne.photo.name
    assert personne.photo.storage.exists(premiere)

    with django_capture_on_commit_callbacks(execute=True):
        photo_remplacer(personne, photo_televersee("seconde.jpg", image("JPEG")))
    personne.refresh_from_db()
    assert personne.photo.name != premiere and personne.photo.name.endswith(".jpg")
    assert personne.photo.storage.exists(personne.photo.name)
    assert not personne.photo.storage.exists(premiere)


@pytest.mark.django_db
def test_supprimer_la_photo_supprime_le_fichier(django_capture_on_commit_callbacks):
    """Removing the photo empties the field and removes the file; removing again does nothing."""
    personne = PersonneFactory()
    photo_remplacer(personne, photo_televersee())
    stockage, chemin = personne.photo.storage, personne.photo.name

    with django_capture_on_commit_callbacks(execute=True):
        assert photo_supprimer(personne) is True
    personne.refresh_from_db()
    assert not personne.photo and not stockage.exists(chemin)
    assert photo_supprimer(personne) is False


@pytest.mark.django_db
def test_une_photo_refusee_ne_change_rien():
    """A refused upload leaves the person's photo as it was."""
    personne = PersonneFactory()
    photo_remplacer(personne, photo_televersee())
    avant = personne.photo.name
    with pytest.raises(ValidationError):
        photo_remplacer(personne, photo_televersee("faux.png", b"GIF89a pas une photo"))
    personne.refresh_from_db()
    assert personne.photo.name == avant and personne.photo.storage.exists(avant)
