"""Who changed what in a support or a rapport, read from their django-simple-history records.

Each entry names its author, its date, the element changed (the support, an objective, a file, the rapport, the
measure of an objective) and, field by field, what changed (read by `programme.historique`).
"""

import dataclasses
import datetime

from programme.historique import ACTIONS, Changement, differences, valeurs

from .models import AtteinteObjectif, Objectif, Rapport, Support

# Files joined or removed are recorded as a reason on the support's history (its model keeps no history).
RAISON_FICHIER_JOINT = "Fichier joint : "
RAISON_FICHIER_RETIRE = "Fichier retiré : "
LONGUEUR_RAISON = 100


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
            changements = valeurs(enregistrement, modele, ignores)
        elif precedent is not None and enregistrement.history_type == "~":
            changements = differences(enregistrement, precedent, modele, ignores)
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
