"""Who changed what in a support or a rapport, read from their django-simple-history records.

Each entry names its author, its date, the element changed (the support, an objective, a file, the rapport, the
measure of an objective) and, field by field, what changed: a long text shows the words removed and added
within their context, a short value its former and new value.
"""

import dataclasses
import datetime
import difflib
import re

from django.utils import timezone
from django.utils.formats import date_format

from .models import AtteinteObjectif, Objectif, Rapport, Support

ACTIONS = {"+": "Création", "~": "Modification", "-": "Suppression"}
# The unchanged words kept around a change in a long text; the rest is elided.
CONTEXTE = 80
# Files joined or removed are recorded as a reason on the support's history (its model keeps no history).
RAISON_FICHIER_JOINT = "Fichier joint : "
RAISON_FICHIER_RETIRE = "Fichier retiré : "
LONGUEUR_RAISON = 100


@dataclasses.dataclass
class Changement:
    """A field's change: its label and segments (`egal`, `retire`, `ajoute`) to show one after the other."""

    champ: str
    segments: list


@dataclasses.dataclass
class EntreeHistorique:
    date: datetime.datetime
    auteur: object
    objet: str
    action: str
    changements: list


def raison_fichier(prefixe: str, nom: str) -> str:
    """The reason recorded on the support's history when a file is joined or removed."""
    return (prefixe + nom)[:LONGUEUR_RAISON]


def _en_clair(modele, champ, valeur) -> str:
    if valeur is None or valeur == "":
        return ""
    field = modele._meta.get_field(champ)
    if field.choices:
        return str(dict(field.choices).get(valeur, valeur))
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, datetime.datetime):
        return date_format(timezone.localtime(valeur), "j F Y à H\\hi")
    return str(valeur)


def _abreger(texte: str, debut: bool, fin: bool) -> str:
    """An unchanged stretch of text, cut to its context next to the changes (`debut`: it opens the text)."""
    if len(texte) <= 2 * CONTEXTE + 10:
        return texte
    if debut:
        return "… " + texte[-CONTEXTE:]
    if fin:
        return texte[:CONTEXTE] + " …"
    return texte[:CONTEXTE] + " … " + texte[-CONTEXTE:]


def _segments(avant: str, apres: str) -> list:
    """The segments showing how `avant` became `apres`: word by word for a text, whole otherwise."""
    if not avant or not apres or ("\n" not in avant + apres and max(len(avant), len(apres)) < 40):
        if avant and apres:
            return [("retire", avant), ("egal", " → "), ("ajoute", apres)]
        return [("retire", avant)] if avant else [("ajoute", apres)]
    mots_avant, mots_apres = re.findall(r"\S+|\s+", avant), re.findall(r"\S+|\s+", apres)
    operations = difflib.SequenceMatcher(None, mots_avant, mots_apres, autojunk=False).get_opcodes()
    segments = []
    for rang, (operation, i1, i2, j1, j2) in enumerate(operations):
        if operation == "equal":
            texte = "".join(mots_avant[i1:i2])
            segments.append(("egal", _abreger(texte, debut=rang == 0, fin=rang == len(operations) - 1)))
            continue
        if i2 > i1:
            segments.append(("retire", "".join(mots_avant[i1:i2])))
        if j2 > j1:
            segments.append(("ajoute", "".join(mots_apres[j1:j2])))
    return segments


def _libelle(modele, champ) -> str:
    return str(modele._meta.get_field(champ).verbose_name).capitalize()


def _creation(enregistrement, modele, ignores) -> list[Changement]:
    changements = []
    for field in modele._meta.concrete_fields:
        valeur = getattr(enregistrement, field.attname, None)
        if field.name in ignores or field.is_relation or valeur is None or valeur == "" or valeur is False:
            continue
        changements.append(Changement(_libelle(modele, field.name), [("egal", _en_clair(modele, field.name, valeur))]))
    return changements


def _fichier(raison) -> Changement | None:
    for prefixe, genre in ((RAISON_FICHIER_JOINT, "ajoute"), (RAISON_FICHIER_RETIRE, "retire")):
        if raison and raison.startswith(prefixe):
            return Changement(prefixe.removesuffix(" : "), [(genre, raison.removeprefix(prefixe))])
    return None


def _entrees(enregistrements, modele, objet, ignores=()) -> list[EntreeHistorique]:
    """Turn one object's historical records (oldest first) into readable entries with the fields changed."""
    entrees = []
    precedent = None
    ignores = {"id", *ignores}
    for enregistrement in enregistrements:
        changements, nom_objet, action = [], objet(enregistrement), ACTIONS[enregistrement.history_type]
        if enregistrement.history_type == "+":
            changements = _creation(enregistrement, modele, ignores)
        elif precedent is not None and enregistrement.history_type == "~":
            delta = enregistrement.diff_against(precedent, excluded_fields=sorted(ignores - {"id"}))
            changements = [
                Changement(_libelle(modele, change.field), _segments(
                    _en_clair(modele, change.field, change.old), _en_clair(modele, change.field, change.new)))
                for change in delta.changes
            ]
            fichier = _fichier(enregistrement.history_change_reason)
            if fichier:
                changements.append(fichier)
                nom_objet, action = "Fichiers joints", "Ajout" if fichier.segments[0][0] == "ajoute" else "Retrait"
            if not changements:
                precedent = enregistrement
                continue
        entrees.append(EntreeHistorique(
            date=enregistrement.history_date, auteur=enregistrement.history_user, objet=nom_objet,
            action=action, changements=changements,
        ))
        precedent = enregistrement
    return entrees


def _par_objet(enregistrements, cle):
    groupes = {}
    for enregistrement in enregistrements:
        groupes.setdefault(getattr(enregistrement, cle), []).append(enregistrement)
    return groupes.values()


def historique_support(support: Support) -> list[EntreeHistorique]:
    """Who changed what in a support, its objectives and its files, newest first."""
    entrees = _entrees(
        support.history.select_related("history_user").order_by("history_date", "history_id"), Support,
        lambda _e: "Support", ignores=["comite", "soumis_par"],
    )
    objectifs = Objectif.history.filter(support_id=support.pk).select_related("history_user").order_by(
        "history_date", "history_id")
    for groupe in _par_objet(objectifs, "id"):
        entrees += _entrees(groupe, Objectif, lambda e: f"Objectif {e.rang}", ignores=["support", "rang"])
    return sorted(entrees, key=lambda e: e.date, reverse=True)


def historique_rapport(rapport: Rapport) -> list[EntreeHistorique]:
    """Who wrote what in a rapport and its measures of the objectives, newest first."""
    entrees = _entrees(
        rapport.history.select_related("history_user").order_by("history_date", "history_id"), Rapport,
        lambda _e: "Rapport", ignores=["comite", "publie_par"],
    )
    rangs = dict(Objectif.objects.filter(support__comite=rapport.comite_id).values_list("pk", "rang"))
    atteintes = AtteinteObjectif.history.filter(rapport_id=rapport.pk).select_related("history_user").order_by(
        "history_date", "history_id")
    for groupe in _par_objet(atteintes, "id"):
        entrees += _entrees(
            groupe, AtteinteObjectif,
            lambda e: f"Atteinte de l'objectif {rangs.get(e.objectif_id, '(supprimé)')}",
            ignores=["rapport", "objectif"],
        )
    return sorted(entrees, key=lambda e: e.date, reverse=True)
