"""Where private uploads live: outside the public media, served only by views that check permissions — a folder
(PRIVATE_MEDIA_ROOT) on one machine, the object storage configured as `STORAGES["prive"]` on several."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


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
    """Callable storage, so that migrations keep a reference rather than a path: the object storage of the
    settings' `STORAGES["prive"]` when there is one (S3_BUCKET), else the folder PRIVATE_MEDIA_ROOT."""
    if "prive" in settings.STORAGES:
        return storages.create_storage(settings.STORAGES["prive"])
    return StockagePrive()
