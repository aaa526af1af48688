"""Test settings: e-mails kept in memory, no rate limit, data read from ../shared/data."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("TESTING", "true")

DONNEES = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
SITE_EIG = DONNEES / "site-eig"


@pytest.fixture(autouse=True)
def _reglages_de_test(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "http://testserver"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def site_eig():
    """The public site's content, as CI and every developer machine have it beside the project."""
    assert SITE_EIG.is_dir(), f"Le contenu du site public est introuvable : {SITE_EIG}"
    return SITE_EIG
