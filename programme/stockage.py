"""Where private uploads live: outside the public media, served only by views that check permissions."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class StockagePrive(FileSystemStorage):
    """A file system storage under PRIVATE_MEDIA_ROOT, read at each access so that it follows the settings."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def stockage_prive():
    """Callable storage, so that migrations keep a reference rather than a path."""
    return StockagePrive()
