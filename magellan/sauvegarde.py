"""Backup and restore: the database and both media folders (public media, private files of supports and of the
bureau d'aide) in one dated archive, and back into an empty database and empty folders.

The archive `magellan-AAAAMMJJ-HHMMSS.tar.gz` holds `base.dump` (pg_dump, custom format) or `base.sqlite3`,
`media/`, `prive/` and `manifeste.json`: the date, the engine, the last migration of each app and the SHA-256 of
every file. A restore checks every hash before it writes anything.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

PREFIXE = "magellan-"
SUFFIXE = ".tar.gz"
MANIFESTE = "manifeste.json"
# Folder of the archive ← setting that names it on this machine.
DOSSIERS = {"media": "MEDIA_ROOT", "prive": "PRIVATE_MEDIA_ROOT"}


class ErreurSauvegarde(Exception):
    """A backup or a restore that cannot be done; its message says why, in French."""


def _empreinte(chemin: Path) -> str:
    h = hashlib.sha256()
    with chemin.open("rb") as f:
        for bloc in iter(lambda: f.read(1 << 20), b""):
            h.update(bloc)
    return h.hexdigest()


def _fichiers(racine: Path):
    if racine.is_dir():
        for chemin in sorted(p for p in racine.rglob("*") if p.is_file()):
            yield chemin


def _moteur() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def _environnement_pg() -> dict[str, str]:
    """libpq's variables for the configured database: the password never appears on a command line."""
    reglages = connection.settings_dict
    env = {**os.environ, "PGDATABASE": reglages["NAME"], "PGHOST": reglages.get("HOST") or "127.0.0.1",
           "PGPORT": str(reglages.get("PORT") or 5432), "PGUSER": reglages.get("USER") or ""}
    if reglages.get("PASSWORD"):
        env["PGPASSWORD"] = reglages["PASSWORD"]
    return env


def _lancer(commande: list[str]):
    try:
        resultat = subprocess.run(commande, env=_environnement_pg(), capture_output=True, text=True)
    except FileNotFoundError:
        raise ErreurSauvegarde(f"{commande[0]} est introuvable : installez le client PostgreSQL "
                               "(paquet postgresql-client).") from None
    if resultat.returncode != 0:
        raise ErreurSauvegarde(f"{commande[0]} a échoué : {resultat.stderr.strip()}")


def _migrations() -> dict[str, str]:
    dernieres = {}
    for app, nom in MigrationRecorder(connection).applied_migrations():
        dernieres[app] = max(dernieres.get(app, nom), nom)
    return dict(sorted(dernieres.items()))


def sauvegarder(dossier: Path, maintenant: datetime.datetime | None = None) -> Path:
    """Write the archive of the database and both media folders into `dossier`; return its path."""
    maintenant = timezone.localtime(maintenant or timezone.now())
    dossier.mkdir(parents=True, exist_ok=True)
    archive = dossier / f"{PREFIXE}{maintenant:%Y%m%d-%H%M%S}{SUFFIXE}"
    with tempfile.TemporaryDirectory(dir=dossier) as travail:
        travail = Path(travail)
        if _moteur() == "postgresql":
            base = travail / "base.dump"
            _lancer(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={base}"])
        else:
            base = travail / "base.sqlite3"
            connection.ensure_connection()
            with sqlite3.connect(base) as copie:
                connection.connection.backup(copie)
            copie.close()
        fichiers = {base.name: _empreinte(base)}
        for nom, reglage in DOSSIERS.items():
            racine = Path(getattr(settings, reglage))
            for chemin in _fichiers(racine):
                fichiers[f"{nom}/{chemin.relative_to(racine).as_posix()}"] = _empreinte(chemin)
        manifeste = {"cree_le": maintenant.isoformat(), "moteur": _moteur(), "migrations": _migrations(),
                     "fichiers": fichiers}
        (travail / MANIFESTE).write_text(json.dumps(manifeste, indent=2, ensure_ascii=False), encoding="utf-8")
        partielle = archive.with_name(archive.name + ".partielle")
        with tarfile.open(partielle, "w:gz") as tar:
            tar.add(travail / MANIFESTE, arcname=MANIFESTE)
            tar.add(base, arcname=base.name)
            for nom, reglage in DOSSIERS.items():
                racine = Path(getattr(settings, reglage))
                for chemin in _fichiers(racine):
                    tar.add(chemin, arcname=f"{nom}/{chemin.relative_to(racine).as_posix()}")
        # Renamed once complete: an archive under its final name is never a half-written one.
        partielle.rename(archive)
    return archive


def purger(dossier: Path, jours: int, maintenant: datetime.datetime | None = None) -> list[Path]:
    """Remove the archives of `dossier` older than `jours` days (by the date in their name); return them."""
    limite = timezone.localtime(maintenant or timezone.now()).replace(tzinfo=None) - datetime.timedelta(days=jours)
    retirees = []
    for archive in sorted(dossier.glob(f"{PREFIXE}*{SUFFIXE}")):
        horodatage = archive.name[len(PREFIXE):-len(SUFFIXE)]
        try:
            date = datetime.datetime.strptime(horodatage, "%Y%m%d-%H%M%S")
        except ValueError:
            continue  # Not one of ours: left alone.
        if date < limite:
            archive.unlink()
            retirees.append(archive)
    return retirees


def _extraire(archive: Path, destination: Path) -> dict:
    """Extract and check every file against the manifest; nothing is written outside `destination`."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(destination, filter="data")
    except (tarfile.TarError, OSError, EOFError) as erreur:
        raise ErreurSauvegarde(f"L'archive {archive} est illisible : {erreur}") from None
    try:
        manifeste = json.loads((destination / MANIFESTE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise ErreurSauvegarde(f"L'archive {archive} n'a pas de manifeste lisible.") from None
    presents = {p.relative_to(destination).as_posix() for p in destination.rglob("*") if p.is_file()} - {MANIFESTE}
    if presents != set(manifeste["fichiers"]):
        raise ErreurSauvegarde(f"L'archive {archive} ne contient pas les fichiers que son manifeste annonce.")
    for nom, empreinte in manifeste["fichiers"].items():
        if _empreinte(destination / nom) != empreinte:
            raise ErreurSauvegarde(f"Le fichier {nom} de l'archive est altéré (empreinte différente) : rien n'a "
                                   "été restauré.")
    return manifeste


def _verifier_vides():
    tables = connection.introspection.table_names()
    if tables:
        raise ErreurSauvegarde(f"La base de données n'est pas vide ({len(tables)} tables) : restaurez dans une base "
                               "neuve, créée vide, puis lancez les migrations ensuite seulement.")
    for reglage in DOSSIERS.values():
        racine = Path(getattr(settings, reglage))
        if racine.is_dir() and any(racine.iterdir()):
            raise ErreurSauvegarde(f"Le dossier {racine} n'est pas vide : restaurez dans des dossiers vides.")


def restaurer(archive: Path) -> dict:
    """Restore `archive` into the configured database and media folders, which must be empty; return its
    manifest. Every file is checked before anything is written."""
    _verifier_vides()
    with tempfile.TemporaryDirectory() as travail:
        travail = Path(travail)
        manifeste = _extraire(archive, travail)
        if manifeste["moteur"] != _moteur():
            raise ErreurSauvegarde(f"L'archive vient d'une base {manifeste['moteur']} ; la base configurée est "
                                   f"{_moteur()}.")
        if _moteur() == "postgresql":
            connection.close()
            _lancer(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
                     f"--dbname={connection.settings_dict['NAME']}", str(travail / "base.dump")])
        else:
            connection.ensure_connection()
            with sqlite3.connect(travail / "base.sqlite3") as source:
                source.backup(connection.connection)
            source.close()
        for nom, reglage in DOSSIERS.items():
            if (travail / nom).is_dir():
                racine = Path(getattr(settings, reglage))
                racine.mkdir(parents=True, exist_ok=True)
                shutil.copytree(travail / nom, racine, dirs_exist_ok=True)
    return manifeste
