"""Reading django-simple-history records in French: what changed between two versions of a row, field by field.

A long text shows the words removed and added within their context, a short value its former and new value.
Read by the history pages of supports and rapports (`evaluations.historique`) and by the coaches' journal of
changes in the admin (`magellan.journal`).
"""

import dataclasses
import datetime
import difflib
import re

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.models import HistoricalChanges, HistoricalRecords

ACTIONS = {"+": "Création", "~": "Modification", "-": "Suppression"}
# The unchanged words kept around a change in a long text; the rest is elided.
CONTEXTE = 80


@dataclasses.dataclass
class Changement:
    """A field's change: its label and segments (`egal`, `retire`, `ajoute`) to show one after the other."""

    champ: str
    segments: list


def auteur_noter(objet, par) -> None:
    """Name `par` as the author of the next version of `objet` (a service called outside a web request, where the
    history middleware knows nobody); without `par`, the request's person stays the author."""
    if par is not None:
        objet._history_user = par


def auteur_courant(par=None):
    """The author of a bulk write's versions: `par`, else the signed-in person of the web request being served
    (set by the history middleware), else nobody."""
    if par is not None:
        return par
    personne = getattr(getattr(HistoricalRecords.context, "request", None), "user", None)
    return personne if getattr(personne, "is_authenticated", False) else None


def en_clair(modele, champ, valeur, noms=None) -> str:
    """A field's value as a person reads it; `noms` gives the names of related rows by (model, id)."""
    if valeur is None or valeur == "":
        return ""
    field = modele._meta.get_field(champ)
    if field.is_relation and noms is not None:
        nom = noms.get((field.related_model, valeur))
        return nom if nom is not None else f"n° {valeur} (supprimé)"
    if field.choices:
        return str(dict(field.choices).get(valeur, valeur))
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, datetime.datetime):
        return date_format(timezone.localtime(valeur), "j F Y à H\\hi")
    if isinstance(valeur, datetime.date):
        return date_format(valeur, "j F Y")
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


def segments(avant: str, apres: str) -> list:
    """The segments showing how `avant` became `apres`: word by word for a text, whole otherwise."""
    if not avant or not apres or ("\n" not in avant + apres and max(len(avant), len(apres)) < 40):
        if avant and apres:
            return [("retire", avant), ("egal", " → "), ("ajoute", apres)]
        return [("retire", avant)] if avant else [("ajoute", apres)]
    mots_avant, mots_apres = re.findall(r"\S+|\s+", avant), re.findall(r"\S+|\s+", apres)
    operations = difflib.SequenceMatcher(None, mots_avant, mots_apres, autojunk=False).get_opcodes()
    resultat = []
    for rang, (operation, i1, i2, j1, j2) in enumerate(operations):
        if operation == "equal":
            texte = "".join(mots_avant[i1:i2])
            resultat.append(("egal", _abreger(texte, debut=rang == 0, fin=rang == len(operations) - 1)))
            continue
        if i2 > i1:
            resultat.append(("retire", "".join(mots_avant[i1:i2])))
        if j2 > j1:
            resultat.append(("ajoute", "".join(mots_apres[j1:j2])))
    return resultat


def libelle(modele, champ) -> str:
    return str(modele._meta.get_field(champ).verbose_name).capitalize()


def valeurs(enregistrement, modele, ignores, relations=False, noms=None) -> list[Changement]:
    """The filled fields of one version (a row created or deleted), relations included when `relations`."""
    changements = []
    for field in modele._meta.concrete_fields:
        valeur = getattr(enregistrement, field.attname, None)
        if field.name in ignores or (field.is_relation and not relations) or valeur in (None, "", False):
            continue
        changements.append(Changement(libelle(modele, field.name), [("egal", en_clair(modele, field.name, valeur,
                                                                                      noms))]))
    return changements


def differences(enregistrement, precedent, modele, ignores, noms=None) -> list[Changement]:
    """The fields that changed from `precedent` to `enregistrement` (two versions of one row), old → new."""
    delta = enregistrement.diff_against(precedent, excluded_fields=sorted(set(ignores) - {"id"}))
    return [
        Changement(libelle(modele, change.field), segments(
            en_clair(modele, change.field, change.old, noms), en_clair(modele, change.field, change.new, noms)))
        for change in delta.changes
    ]


def versions_oublier(numero: int) -> int:
    """Take the person of number `numero` out of every kept version: the relations of historised rows that
    point to them (a role's person, an hour's parrain, a session's facilitators and invitees, a comité's coaches
    and participants) are emptied, so that no version keeps the number of an erased person. Who made a change
    (`history_user`) is emptied by the database itself when the person is deleted. Called once the person is
    deleted (their rows deleted with them leave a last version that names them). Returns how many version rows
    were changed."""
    utilisateur = settings.AUTH_USER_MODEL.lower()
    # The versions of each historised model and the members kept with them (`m2m_fields`).
    historiques = [modele for modele in apps.get_models() if issubclass(modele, HistoricalChanges)]
    changes = 0
    for historique in historiques:
        for champ in historique._meta.concrete_fields:
            if (champ.is_relation and champ.name != "history_user" and champ.null
                    and champ.related_model._meta.label_lower == utilisateur):
                changes += historique.objects.filter(**{champ.attname: numero}).update(**{champ.attname: None})
    return changes
