"""The environment of a Magellan process started by a test (worker, beat, `manage.py check`): Magellan's own
settings, as the Dockerfile and `make run` start it, without the switches the suite sets for itself."""

import os

# Set by pytest-django (the suite's settings) and by the browser tests (Django's async guard): a process of the
# project must not inherit them, or it would send its e-mails to memory or fail the deployment check.
PROPRES_A_LA_SUITE = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}


def environnement_du_projet(**variables: str) -> dict[str, str]:
    env = {nom: valeur for nom, valeur in os.environ.items() if nom not in PROPRES_A_LA_SUITE}
    return {**env, "DJANGO_SETTINGS_MODULE": "magellan.settings", **variables}


def base_jetable(dossier, nom: str):
    """A throwaway database of the same engine as the suite's: a PostgreSQL database on the suite's server, or a
    SQLite file in `dossier`. Returns its URL and the function that drops it."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return f"sqlite:///{dossier / f'{nom}.sqlite3'}", lambda: None
    import secrets

    import psycopg

    reglages = connection.settings_dict
    nom = f"{nom}_{secrets.token_hex(4)}"
    serveur = f"postgres://{reglages['USER']}@{reglages['HOST'] or '127.0.0.1'}:{reglages['PORT'] or 5432}"
    with psycopg.connect(f"{serveur}/{reglages['NAME']}", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{nom}"')

    def detruire():
        with psycopg.connect(f"{serveur}/{reglages['NAME']}", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{nom}" WITH (FORCE)')

    return f"{serveur}/{nom}", detruire
