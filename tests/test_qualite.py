"""The project's own rules of style, run by `make test` and so by CI: ruff (errors, imports sorted) on the Python
code, djLint on the templates. Their settings are in pyproject.toml."""

import subprocess
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _lancer(*commande: str) -> subprocess.CompletedProcess:
    return subprocess.run(commande, cwd=RACINE, capture_output=True, text=True, timeout=300)


def test_ruff_ne_trouve_rien_dans_le_code():
    """A newcomer's change with an unused import, an unsorted import block or a 121-character line fails here."""
    resultat = _lancer(str(BIN / "ruff"), "check", "--no-cache", "--output-format", "concise", ".")
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr


def test_djlint_ne_trouve_rien_dans_les_gabarits():
    """A button without its type or a heading glued to the next tag fails here, e-mails keep their inline styles."""
    resultat = _lancer(str(BIN / "djlint"), "templates", "--lint")
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    assert "found 0 errors" in resultat.stdout
