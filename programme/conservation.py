"""How long the documents uploaded during a promotion are kept (comité supports' files, bureau d'aide documents):
until DOCUMENTS_CONSERVATION_JOURS days after the promotion's end, then removed from the private storage. The
pages that list a document and the nightly removal ask the same date here, so a page never offers a link to a
removed file; the rows stay, with the file's name, so the pages can say what was removed and when."""

import datetime

from django.conf import settings
from django.utils import timezone

from .models import Promotion


def documents_conserves_jusqu_au(promotion) -> datetime.date | None:
    """The last day a promotion's documents are kept; None while it has no end date (or for no promotion):
    they are kept."""
    if promotion is None or promotion.date_fin is None:
        return None
    return promotion.date_fin + datetime.timedelta(days=settings.DOCUMENTS_CONSERVATION_JOURS)


def documents_supprimes(promotion, jour: datetime.date | None = None) -> bool:
    """Whether the documents of this promotion are past their retention on `jour` (today in Paris by default)."""
    limite = documents_conserves_jusqu_au(promotion)
    return limite is not None and (jour or timezone.localdate()) > limite


def promotions_aux_documents_echus(jour: datetime.date | None = None):
    """The promotions whose documents are past their retention, for the nightly removal."""
    jour = jour or timezone.localdate()
    return Promotion.objects.filter(date_fin__lt=jour - datetime.timedelta(days=settings.DOCUMENTS_CONSERVATION_JOURS))


def fichiers_supprimer(fichiers) -> int:
    """Remove from their storage the stored files still there (`FieldFile`s); returns how many were removed.
    A file already gone is skipped, so the removal can run every night."""
    supprimes = 0
    for fichier in fichiers:
        if fichier and fichier.storage.exists(fichier.name):
            fichier.storage.delete(fichier.name)
            supprimes += 1
    return supprimes
