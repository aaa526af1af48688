"""Where private uploads live: outside the public media, served only by views that check permissions."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def stockage_prive():
    """Callable storage, so migrations keep a reference and the location follows the settings."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
