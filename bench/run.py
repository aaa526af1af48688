"""Run Magellan's bench: `make bench`, or `.venv/bin/python bench/run.py [--repetitions 20] [--mesure agenda]`.

Creates a throwaway test database (SQLite in memory; PostgreSQL `test_<name>` when DATABASE_URL is set),
migrates it, runs the registered measures, prints their results in French, then destroys the database.
Times are the server's, through Django's test client; nothing is asserted (see tests/ for query counts).
"""

import argparse
import importlib
import os
import pkgutil
import sys
import time
import warnings
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "magellan.settings_test")
# Whitenoise warns that collectstatic never ran: the bench serves no static file.
warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

import bench  # noqa: E402
from bench.outils import MESURES  # noqa: E402


def _charger_les_mesures():
    for module in pkgutil.iter_modules(bench.__path__):
        if module.name not in {"run", "outils"}:
            importlib.import_module(f"bench.{module.name}")


def _arguments():
    parser = argparse.ArgumentParser(description="Le banc de mesure de Magellan.")
    parser.add_argument("--repetitions", type=int, default=20, help="requêtes par page (médiane), 20 par défaut")
    parser.add_argument("--mesure", action="append", help="une mesure à lancer (toutes par défaut)")
    parser.add_argument("--national", action="store_true",
                        help="le parcours complet sur la base de DATABASE_URL remplie par `manage.py seed_scale`, "
                             "puis sur la démonstration dans une base jetable : un seul tableau aux deux échelles")
    return parser.parse_args()


def main():
    arguments = _arguments()
    _charger_les_mesures()
    choisies = arguments.mesure or sorted(MESURES)
    inconnues = set(choisies) - set(MESURES)
    if inconnues:
        sys.exit(f"Mesure inconnue : {', '.join(sorted(inconnues))} (connues : {', '.join(sorted(MESURES))}).")
    # As in production (no template instrumentation of the test environment), with the tests' static files
    # storage (no manifest to collect), fast password hashing and links to the test server.
    settings.DEBUG = False
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SITE_URL = "http://testserver"
    nom_initial = connection.settings_dict["NAME"]
    print("Magellan — banc de mesure")
    if arguments.national:
        _national(arguments.repetitions, nom_initial)
        return
    debut = time.perf_counter()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"Base : {connection.vendor} ({connection.settings_dict['NAME']}), migrée en "
              f"{time.perf_counter() - debut:.1f} s ; médiane de {arguments.repetitions} requêtes par page.")
        for nom in choisies:
            print(f"\n[{nom}]")
            for ligne in MESURES[nom](arguments.repetitions):
                print(f"  {ligne}")
    finally:
        connection.creation.destroy_test_db(nom_initial, verbosity=0)


def _national(repetitions, nom_initial):
    """The whole run on the national copy (the database itself, nothing written), then on the demo (a throwaway
    database), printed as one table with the bounds of issue 15."""
    from bench.parcours import _texte, parcours, tableau

    if connection.vendor != "postgresql":
        sys.exit("--national mesure la copie nationale de PostgreSQL : définissez DATABASE_URL=postgres://… "
                 "(base remplie par `manage.py seed_scale`).")
    debut = time.perf_counter()
    print(f"Échelle nationale : base {nom_initial} ; médiane de {repetitions} requêtes par page.")
    national = []
    for ligne in parcours(repetitions):
        print(f"  {_texte(ligne)}", flush=True)
        national.append(ligne)
    from bench.debit import debit
    from bench.parcours import _eig_charge
    for ligne in debit(_eig_charge()[0]):
        print(ligne, flush=True)
    print(f"Échelle de la démonstration (base jetable, seed_demo), après {time.perf_counter() - debut:.0f} s.")
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from io import StringIO

        from django.core.management import call_command

        from bench.agenda import _donnees
        call_command("seed_demo", stdout=StringIO())
        demo = []
        for ligne in parcours(repetitions, avant_agenda=_donnees):
            print(f"  {_texte(ligne)}", flush=True)
            demo.append(ligne)
    finally:
        connection.creation.destroy_test_db(nom_initial, verbosity=0)
    print()
    print("\n".join(tableau(demo, national)))
    print(f"\nBanc complet en {time.perf_counter() - debut:.0f} s.")


if __name__ == "__main__":
    main()
