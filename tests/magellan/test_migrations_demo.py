"""Migrations forward on a copy of the demo data, as a deployment runs them on a database in use: the demo is built,
the schema goes back to the last release this round started from, then `migrate` brings it forward again. The
people, défis, sessions and answers are all still there, the closed météo rounds get their frozen figures, and
nothing is left to migrate. (Forward from an empty database: every other test database, and the production test.)
"""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.processus import base_jetable, environnement_du_projet

RACINE = Path(__file__).resolve().parents[2]
# The migrations of the last release landed before this round (each app's latest then; `zero`: the app is new).
DERNIERE_LIVRAISON = [("proconnect", "zero"), ("magellan", "zero"), ("evaluations", "0002"),
                      ("accompagnement", "0003"), ("defis", "0002"), ("programme", "0004")]
TABLES = ["programme_personne", "programme_role", "defis_defi", "accompagnement_session",
          "accompagnement_inscription", "accompagnement_reponsemeteo", "accompagnement_carnetdebord",
          "evaluations_support"]


def _manage(env, *arguments):
    resultat = subprocess.run([sys.executable, "manage.py", *arguments], cwd=RACINE, env=env, capture_output=True,
                              text=True, timeout=600)
    assert resultat.returncode == 0, f"manage.py {' '.join(arguments)} :\n{resultat.stdout}{resultat.stderr}"
    return resultat.stdout


def _lire(url: str, requete: str):
    if url.startswith("sqlite:"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as base:
            return base.execute(requete).fetchall()
    import psycopg

    with psycopg.connect(url) as base:
        return base.execute(requete).fetchall()


@pytest.fixture
def base(tmp_path, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        url, detruire = base_jetable(tmp_path, "test_migrations_demo")
    yield url
    with django_db_blocker.unblock():
        detruire()


def test_les_migrations_passent_sur_une_copie_de_la_demonstration(tmp_path, base):
    """Back to the last release with the demo's data, then forward: every row is kept, the closed rounds are
    frozen by the data migration, and `migrate --check` has nothing left."""
    env = environnement_du_projet(DATABASE_URL=base, REDIS_URL="", EMAIL_URL=f"filemail:///{tmp_path / 'courriels'}",
                                  CELERY_FILE_BROKER_DIR=str(tmp_path / "courtier"),
                                  MEDIA_ROOT=str(tmp_path / "media"), PRIVATE_MEDIA_ROOT=str(tmp_path / "prive"))
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "seed_demo")
    avant = {table: _lire(base, f"SELECT COUNT(*) FROM {table}")[0][0] for table in TABLES}
    assert all(avant.values()), avant

    for application, migration in DERNIERE_LIVRAISON:
        _manage(env, "migrate", application, migration, "--noinput", "-v0")
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "migrate", "--check")

    apres = {table: _lire(base, f"SELECT COUNT(*) FROM {table}")[0][0] for table in TABLES}
    assert apres == avant
    closes = _lire(base, "SELECT COUNT(*), COUNT(figee_le) FROM accompagnement_vaguemeteo "
                         "WHERE cloturee_le IS NOT NULL")[0]
    assert closes[0] > 0 and closes[0] == closes[1], "chaque vague close a ses chiffres figés"
