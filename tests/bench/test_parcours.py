"""The bench's whole run (bench/parcours.py): one line per page and task, and the table's bounds."""

import subprocess
import sys
from pathlib import Path

from bench.parcours import Ligne, tableau

RACINE = Path(__file__).resolve().parents[2]


def test_le_parcours_minimal_sur_sqlite_imprime_une_ligne_par_mesure():
    sortie = subprocess.run(
        [sys.executable, "bench/run.py", "--mesure", "parcours", "--repetitions", "1"], cwd=RACINE,
        capture_output=True, text=True, timeout=600,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "magellan.settings_test"},
    )
    assert sortie.returncode == 0, sortie.stderr
    lignes = [ligne.strip() for ligne in sortie.stdout.splitlines() if "ms médiane" in ligne]
    libelles = [ligne.rsplit(" : ", 1)[0] for ligne in lignes]
    for attendu in ["accueil public /", "Mon espace (eig)", "tableau de bord des coachs", "météo des coachs",
                    "admin : liste session", "agenda (iCal)", "export des défis (CSV)"]:
        assert attendu in libelles
    assert sum(libelle.startswith("tâche") for libelle in libelles) == 3
    assert "répond" not in sortie.stdout
    assert len(lignes) == len(set(libelles)) >= 30


def test_le_tableau_dit_quelle_borne_ne_tient_pas():
    demo = [Ligne("accueil public /", "page", 2, 2), Ligne("sessions des coachs", "page", 50, 10),
            Ligne("admin : liste session", "admin", 90, 10)]
    national = [Ligne("accueil public /", "page", 2, 2), Ligne("sessions des coachs", "page", 60, 12),
                Ligne("admin : liste session", "admin", 1900, 10)]
    lignes = tableau(demo, national)
    sessions = next(ligne for ligne in lignes if ligne.startswith("| sessions des coachs"))
    admin = next(ligne for ligne in lignes if ligne.startswith("| admin : liste session"))
    assert "NON : requêtes" in sessions and "démo" not in sessions.split("NON")[1]
    assert "> 2× démo" in admin and "> 30× /" in admin
    assert next(ligne for ligne in lignes if ligne.startswith("| accueil")).endswith("tiennent |")
