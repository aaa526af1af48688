"""Backup and restore as an operator runs them: `manage.py sauvegarder` on a database with the demo and files in
both media folders, then `manage.py restaurer` into a new empty database and empty folders. Every table's rows
and every file's hash come back; a tampered archive or a database in use is refused, and nothing is written."""

import datetime
import hashlib
import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from magellan.sauvegarde import purger
from tests.processus import base_jetable, environnement_du_projet

RACINE = Path(__file__).resolve().parents[2]


def _manage(env, *arguments, attendu=0):
    resultat = subprocess.run([sys.executable, "manage.py", *arguments], cwd=RACINE, env=env, capture_output=True,
                              text=True, timeout=600)
    if attendu is not None:
        assert resultat.returncode == attendu, f"manage.py {' '.join(arguments)} :\n{resultat.stdout}{resultat.stderr}"
    return resultat


def _installation(dossier: Path, url: str) -> dict[str, str]:
    """The environment of one installation of Magellan: its database and its own media folders."""
    return environnement_du_projet(
        DATABASE_URL=url, MEDIA_ROOT=str(dossier / "media"), PRIVATE_MEDIA_ROOT=str(dossier / "prive"),
        EMAIL_URL=f"filemail:///{dossier / 'courriels'}", REDIS_URL="",
        CELERY_FILE_BROKER_DIR=str(dossier / "courtier"),
    )


def _empreintes(racine: Path) -> dict[str, str]:
    return {p.relative_to(racine).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(racine.rglob("*")) if p.is_file()}


def _contenu_postgres(url: str) -> dict[str, list]:
    """Every table's rows in a stable order, and every sequence's position."""
    import psycopg

    with psycopg.connect(url) as base:
        tables = [t for (t,) in base.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")]
        # Every row, in an order that does not depend on the first column being unique (the historised members of a
        # many-to-many field repeat it).
        contenu = {t: sorted(base.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
        contenu["sequences"] = base.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1").fetchall()
    return contenu


@pytest.fixture
def bases(tmp_path, django_db_setup, django_db_blocker):
    detruire = []

    def creer(nom):
        with django_db_blocker.unblock():
            url, fin = base_jetable(tmp_path, nom)
        detruire.append(fin)
        return url

    yield creer
    with django_db_blocker.unblock():
        for fin in detruire:
            fin()


@pytest.mark.postgres
def test_aller_retour_garde_chaque_ligne_et_chaque_fichier(tmp_path, bases):
    """The demo and files in both folders, saved and restored elsewhere: same rows in all tables, same sequences,
    same files byte for byte; the restored database needs no migration; restoring over it is refused."""
    source, cible = tmp_path / "source", tmp_path / "cible"
    env_source = _installation(source, bases("test_sauvegarde_source"))
    _manage(env_source, "migrate", "--noinput", "-v0")
    _manage(env_source, "seed_demo")
    for chemin, contenu in {"media/photos/équipe.png": os.urandom(2048),
                            "prive/supports/12/support phase 1.pdf": os.urandom(4096),
                            "prive/bureau/note.txt": "Une pièce jointe privée.".encode()}.items():
        (source / chemin).parent.mkdir(parents=True, exist_ok=True)
        (source / chemin).write_bytes(contenu)

    sortie = _manage(env_source, "sauvegarder", "--dossier", str(tmp_path / "sauvegardes")).stdout
    archives = list((tmp_path / "sauvegardes").glob("magellan-*.tar.gz"))
    assert len(archives) == 1 and str(archives[0]) in sortie

    env_cible = _installation(cible, bases("test_sauvegarde_cible"))
    assert "fichiers vérifiés" in _manage(env_cible, "restaurer", str(archives[0])).stdout

    avant, apres = _contenu_postgres(env_source["DATABASE_URL"]), _contenu_postgres(env_cible["DATABASE_URL"])
    assert len(avant) > 60 and avant["programme_personne"], "la démonstration remplit les tables"
    assert apres == avant
    for dossier in ("media", "prive"):
        assert _empreintes(cible / dossier) == _empreintes(source / dossier)
    assert _empreintes(cible / "prive")["supports/12/support phase 1.pdf"]
    _manage(env_cible, "migrate", "--check")

    refus = _manage(env_cible, "restaurer", str(archives[0]), attendu=1)
    assert "La base de données n'est pas vide" in refus.stderr
    assert _contenu_postgres(env_cible["DATABASE_URL"]) == avant


def test_archive_alteree_refusee_sans_rien_ecrire(tmp_path, bases):
    """One byte changed in a saved file: the restore names the file, writes no table and no file."""
    source, cible = tmp_path / "source", tmp_path / "cible"
    env_source = _installation(source, bases("test_sauvegarde_alteree"))
    _manage(env_source, "migrate", "--noinput", "-v0")
    (source / "prive").mkdir(parents=True)
    (source / "prive" / "support.pdf").write_bytes(b"%PDF-1.7 le support de l'equipe")
    _manage(env_source, "sauvegarder", "--dossier", str(tmp_path / "sauvegardes"))
    [archive] = (tmp_path / "sauvegardes").glob("magellan-*.tar.gz")

    alteree = tmp_path / "alteree.tar.gz"
    with tarfile.open(archive, "r:gz") as lue, tarfile.open(alteree, "w:gz") as ecrite:
        for membre in lue.getmembers():
            donnees = lue.extractfile(membre).read() if membre.isfile() else None
            if membre.name == "prive/support.pdf":
                donnees = donnees.replace(b"equipe", b"EQUIPE")
            ecrite.addfile(membre, io.BytesIO(donnees) if donnees is not None else None)

    env_cible = _installation(cible, bases("test_sauvegarde_alteree_cible"))
    refus = _manage(env_cible, "restaurer", str(alteree), attendu=1)
    assert "Le fichier prive/support.pdf de l'archive est altéré" in refus.stderr
    assert "rien n'a été restauré" in refus.stderr
    assert not (cible / "prive").exists()
    assert "[X]" not in _manage(env_cible, "showmigrations", "programme", attendu=0).stdout


def test_la_retention_retire_les_vieilles_archives_et_rien_d_autre(tmp_path):
    """With 30 days kept, the archive of 31 days ago goes, those of 29 days ago and of today stay, and a file that
    is not an archive of Magellan is left alone."""
    maintenant = datetime.datetime(2027, 3, 31, 3, 0, tzinfo=datetime.UTC)
    noms = ["magellan-20270228-030000.tar.gz", "magellan-20270302-030000.tar.gz", "magellan-20270331-030000.tar.gz",
            "magellan-notes.tar.gz", "autre-20200101-000000.tar.gz"]
    for nom in noms:
        (tmp_path / nom).write_bytes(b"x")
    retirees = purger(tmp_path, 30, maintenant=maintenant)
    assert [p.name for p in retirees] == ["magellan-20270228-030000.tar.gz"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(noms[1:])
