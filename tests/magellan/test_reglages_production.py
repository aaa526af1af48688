"""Magellan on several machines: the settings read the object storage and the connection pool from the
environment, and nothing changes on one machine when those variables are absent (docker-compose, `make run`)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[2]
LIRE = """
import json, django
django.setup()
from django.conf import settings
from programme.stockage import stockage_prive
prive = stockage_prive()
print(json.dumps({"sessions": settings.SESSION_ENGINE, "storages": settings.STORAGES,
                  "base": settings.DATABASES["default"], "prive": type(prive).__name__,
                  "prive_seau": getattr(prive, "bucket_name", None)}, default=str))
"""
VARIABLES = ("S3_BUCKET", "S3_BUCKET_PRIVE", "S3_ENDPOINT_URL", "S3_REGION", "S3_ACCESS_KEY_ID",
             "S3_SECRET_ACCESS_KEY", "S3_MEDIA_DOMAINE", "DATABASE_POOL", "DATABASE_URL", "REDIS_URL")


def _reglages(**variables):
    """The settings as a fresh process reads them with these environment variables (and no other of the list)."""
    environnement = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    environnement.update(variables, DJANGO_SETTINGS_MODULE="magellan.settings", DEBUG="true")
    sortie = subprocess.run([sys.executable, "-c", LIRE], cwd=RACINE, env=environnement, capture_output=True,
                            text=True, check=True)
    return json.loads(sortie.stdout.strip().splitlines()[-1])


def test_sans_variables_les_fichiers_restent_dans_les_dossiers_de_la_machine():
    """Without S3_BUCKET: public media on the file system, private documents in PRIVATE_MEDIA_ROOT, one persistent
    connection per process."""
    reglages = _reglages()
    assert reglages["storages"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert "prive" not in reglages["storages"] and reglages["prive"] == "StockagePrive"
    assert "pool" not in reglages["base"].get("OPTIONS", {})


def test_s3_bucket_met_les_medias_et_les_documents_prives_sur_le_stockage_objet():
    """With S3_BUCKET and its endpoint, public media and private documents go to the S3-compatible storage, in
    two prefixes (or a bucket of their own for private documents), private ones only by signed links."""
    reglages = _reglages(S3_BUCKET="magellan", S3_ENDPOINT_URL="https://s3.exemple.test", S3_REGION="fr-par",
                         S3_BUCKET_PRIVE="magellan-prive")
    public, prive = reglages["storages"]["default"], reglages["storages"]["prive"]
    assert public["BACKEND"] == prive["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (public["OPTIONS"]["bucket_name"], public["OPTIONS"]["location"]) == ("magellan", "media")
    assert public["OPTIONS"]["endpoint_url"] == "https://s3.exemple.test"
    assert public["OPTIONS"]["region_name"] == "fr-par"
    assert (prive["OPTIONS"]["bucket_name"], prive["OPTIONS"]["location"]) == ("magellan-prive", "prive")
    assert prive["OPTIONS"]["querystring_auth"] is True and prive["OPTIONS"]["default_acl"] == "private"
    assert (reglages["prive"], reglages["prive_seau"]) == ("S3Storage", "magellan-prive")


@pytest.mark.parametrize("pool,attendu", [("true", {"min_size": 2, "max_size": 10}), ("false", None)])
def test_database_pool_donne_un_pool_de_connexions_a_postgresql(pool, attendu):
    """DATABASE_POOL on PostgreSQL: each process keeps a pool of connections (CONN_MAX_AGE 0, as Django requires)."""
    base = _reglages(DATABASE_URL="postgres://magellan@base.exemple.test:5432/magellan", DATABASE_POOL=pool)["base"]
    assert base.get("OPTIONS", {}).get("pool") == attendu
    if attendu:
        assert base["CONN_MAX_AGE"] == 0


def test_avec_le_cache_partage_les_sessions_de_connexion_se_lisent_dans_redis():
    """With REDIS_URL, a signed-in visitor's session is read from the shared cache (and kept in the database);
    without it, from the database as on one machine."""
    assert _reglages(REDIS_URL="redis://redis.exemple.test:6379/0")["sessions"] == (
        "django.contrib.sessions.backends.cached_db")
    assert _reglages()["sessions"] == "django.contrib.sessions.backends.db"
