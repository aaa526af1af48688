"""French everywhere: every page of the permission matrix that answers 200 (the admin's as a coach, the site's as
each role) shows no English left by a package or a default name, and none of the wrong forms users reported
(an unelided « de octobre », a role in lower case in a sentence, a plural made by adding an s). The packages' admin
screens read Magellan's own translations (locale/fr), compiled by `make test`."""

import html
import os
import re

from django.conf import settings as reglages
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from tests.magellan.test_permissions import dossiers, monde, monde_de_la_matrice  # noqa: F401
from tests.matrice import ENTREES
from tests.matrice.attendus import ROLES

# English a package or an unnamed field leaves on a page, and French forms known to be wrong.
INTERDITS = [
    "Created at", "Updated at", "Task Name", "Scheduler", "Periodic Task", "Interval", "Solar", "True", "False",
    "Clocked", "Enabled", "Last Run", "Start Datetime", "Expires", "One-off", "Keyword", "None", "Aucun(e)",
    "Date/time", "Change reason", "Changed by", "History", "Revert", "Export", "Select all", "Crontab translation",
    "Every", "Monday", "Sunday", "January",
    "Add ", "Change ", "Delete", "Search", "Filter", "Save", "Submit", "Action:", "Go", "Yes", "No",
    "Créneaus", "Tâches Périodique", "Tâches périodique", "a fonctionnée", "Jeton hache", "Invitee par",
    " de octobre", " de avril", " de août", " de un ", "que eig", "êtes eig", "tant que coach ou", " eig ",
]
_BALISES = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)


def _texte(page: str) -> str:
    """What a reader sees or hears: the text between the tags, and the titles and labels of the tags."""
    attributs = " ".join(re.findall(r'(?:title|aria-label|placeholder|alt)="([^"]*)"', page))
    return html.unescape(" ".join((_BALISES.sub(" ", page) + " " + attributs).split()))


def _fautes(texte: str) -> list[str]:
    return [mot for mot in INTERDITS
            if re.search(r"(?<![\w-])" + re.escape(mot.strip()) + r"(?![\w-])", texte) and
            (mot.startswith(" ") is False or f" {mot.strip()} " in f" {texte} ")]


def _pages():
    """Each page a role reads: the GET entries of the matrix, for each role that gets it."""
    return [(entree, role) for entree in ENTREES if entree.methode == "GET"
            for role in ROLES if entree.attendus[role] == 200]


def test_chaque_page_est_en_francais_pour_chaque_role(monde):  # noqa: F811
    """No page that a coach, an EIG, a porteur, a sponsor, a parrain, an intervenant or an alumni opens shows an
    English word of the list or a known wrong French form."""
    fautes = []
    vidage = os.environ.get("MAGELLAN_VIDAGE_TEXTES")
    for entree, role in _pages():
        client = Client()
        client.cookies[reglages.SESSION_COOKIE_NAME] = monde["sessions"][role]
        cache.clear()
        with transaction.atomic():
            url = entree.url(monde)
            reponse = client.get(url)
            transaction.set_rollback(True)
        if reponse.status_code != 200 or "html" not in reponse.get("Content-Type", ""):
            continue
        texte = _texte(reponse.content.decode())
        if vidage:
            with open(vidage, "a", encoding="utf-8") as fichier:
                fichier.write(f"=== {role} {url}\n{texte}\n")
        fautes += [f"{role} {url} : « {mot.strip()} »" for mot in _fautes(texte)]
    assert not fautes, "\n".join(sorted(set(fautes)))
