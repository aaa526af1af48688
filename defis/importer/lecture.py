"""Reading a file of the public site: its front matter and markdown body, then the front matter's values.

The site is written by hand, so each value may come as a string, a list, a number or nothing: the helpers
here turn them into what the import stores, and raise FichierIllisible for a file that cannot be read.
"""

import datetime
import re
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

_ENTETE = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_valider_url = URLValidator(schemes=["http", "https"])


class FichierIllisible(Exception):
    """A file that cannot be read as front matter and markdown; the message says why, in French."""


def lire_fichier(chemin: Path) -> tuple[dict, str]:
    """The front matter (a mapping holding a title) and the markdown body of a file of the site."""
    try:
        texte = chemin.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise FichierIllisible("fichier non lisible en UTF-8") from None
    except OSError as erreur:
        raise FichierIllisible(f"lecture impossible ({erreur.strerror})") from None
    entete = _ENTETE.match(texte.removeprefix("\ufeff"))
    if entete is None:
        raise FichierIllisible("pas d'en-tête YAML (front matter)")
    try:
        champs = yaml.safe_load(entete.group("yaml"))
    except yaml.YAMLError as erreur:
        ligne = f", ligne {erreur.problem_mark.line + 2}" if getattr(erreur, "problem_mark", None) else ""
        raison = getattr(erreur, "problem", None) or str(erreur)
        raise FichierIllisible(f"en-tête YAML invalide{ligne} ({raison})") from None
    if champs is None:
        champs = {}
    if not isinstance(champs, dict):
        raise FichierIllisible("l'en-tête YAML n'est pas une liste de champs")
    if not _texte(champs.get("title")):
        raise FichierIllisible("pas de titre (title)")
    return champs, texte[entete.end():]


def _texte(valeur) -> str:
    if valeur is None or isinstance(valeur, (list, dict)):
        return ""
    return str(valeur).strip()


def _liste(valeur) -> list[str]:
    """A front-matter list of names, stripped, without blanks; a lone string counts as a list of one."""
    if valeur is None:
        return []
    if not isinstance(valeur, list):
        valeur = [valeur]
    return [nom for nom in (_texte(element) for element in valeur) if nom]


def _booleen(valeur, defaut: bool) -> bool:
    if valeur is None:
        return defaut
    if isinstance(valeur, str):
        return valeur.strip().lower() in {"true", "yes", "oui", "1"}
    return bool(valeur)


def _url_valide(valeur) -> bool:
    try:
        _valider_url(valeur)
    except ValidationError:
        return False
    return True


def _date_et_annee(valeur):
    """(date, année) from the site's date: an ISO datetime (kept in UTC) or a bare year such as 2022."""
    if isinstance(valeur, str):
        valeur = valeur.strip()
        if re.fullmatch(r"\d{4}", valeur):
            return None, int(valeur)
        try:
            valeur = datetime.datetime.fromisoformat(valeur)
        except ValueError:
            raise ValueError(valeur) from None
    if isinstance(valeur, bool):
        raise ValueError(valeur)
    if isinstance(valeur, int):
        if 1900 <= valeur <= 2100:
            return None, valeur
        raise ValueError(valeur)
    if isinstance(valeur, datetime.datetime):
        if valeur.tzinfo is None:
            return valeur.replace(tzinfo=datetime.UTC), None
        return valeur.astimezone(datetime.UTC), None
    if isinstance(valeur, datetime.date):
        return datetime.datetime.combine(valeur, datetime.time(), tzinfo=datetime.UTC), None
    raise ValueError(valeur)


def _cle_de_titre(titre: str) -> str:
    """People name défis by title, with stray spaces and case ("TRISTAN " for "Tristan")."""
    return titre.strip().casefold()
