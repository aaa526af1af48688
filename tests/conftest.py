"""Per-test settings (private folders in tmp_path), data read from ../shared/data; shared fixtures.

The settings the whole suite runs with are in magellan/settings_test.py."""

import os
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection

from magellan.celery import app as celery_app
from tests.matrice.monde import scenario_construire

# The ProConnect-like provider (`fournisseur_oidc`) and Magellan configured on it (`proconnect`).
pytest_plugins = ["tests.oidc.fixtures"]

# Tasks run in the test's own process (after the commit, like in production); the one test with a real worker
# on Redis (tests/test_celery_worker.py) switches this off for itself.
celery_app.conf.task_always_eager = True

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
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "prive"
    settings.SITE_URL = "http://testserver"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Rate-limit counters and other cached values never leak from one test into the next.
    cache.clear()


@pytest.fixture
def site_eig():
    """The public site's content, as CI and every developer machine have it beside the project."""
    assert SITE_EIG.is_dir(), f"Le contenu du site public est introuvable : {SITE_EIG}"
    return SITE_EIG


def _referentiels_charger():
    """The rows that migrations load (compétences, domaines, dispositifs): put back, the way the migrations load
    them, when a transactional test flushed them."""
    from accompagnement.referentiel import dispositifs_charger
    from magellan.charte import charte_charger
    from programme.referentiel import competences_charger, domaines_charger

    competences_charger()
    domaines_charger()
    dispositifs_charger()
    charte_charger()


@pytest.fixture(autouse=True)
def _referentiels(request):
    """Every test that touches the database starts with the reference data the migrations load.

    Transactional tests (browser, concurrency) end with a flush that empties those tables for the tests after.
    """
    base = {"db", "transactional_db", "live_server", "django_db_reset_sequences"} & set(request.fixturenames)
    if request.node.get_closest_marker("django_db") is None and not base:
        return
    request.getfixturevalue("_django_db_helper")
    _referentiels_charger()


def pytest_runtest_setup(item):
    """Tests marked `postgres` (row locks, concurrency) need PostgreSQL, those marked `redis` a Redis server: without
    them (a newcomer's machine) they are skipped, only they; CI runs them all."""
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("nécessite PostgreSQL (DATABASE_URL=postgres://…)")
    if item.get_closest_marker("redis") and not os.environ.get("REDIS_URL"):
        pytest.skip("nécessite Redis (REDIS_URL=redis://…)")


@pytest.fixture
def scenario(db):
    """The permission matrix's people and défis (tests/matrice/monde.py): a promotion with a visible and an
    unpublished défi (eig, porteur, sponsor), another défi (`*_autre`), one person per role and a second one, and
    an EIG and a porteur of another promotion."""
    return scenario_construire()


@pytest.fixture
def schema_remis_a_jour():
    """For a test that moves the schema back to test a migration: afterwards every app goes forward to its latest
    migration again, so that the tests after it (same database) find every table and constraint."""
    yield
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
