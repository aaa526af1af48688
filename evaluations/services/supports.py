"""Writes of the supports: the team's draft, its files, its submission by a porteur, its reopening by a coach.

A late submission is accepted: the support is then flagged `en_retard` and shown with an « en retard »
badge, so that the comité still has the team's material and the coaches know it came after the deadline.
"""

import os
import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from programme.conservation import fichiers_supprimer, promotions_aux_documents_echus
from programme.fichiers import TYPES, fichier_verifier

from ..historique import RAISON_FICHIER_JOINT, RAISON_FICHIER_RETIRE, raison_fichier
from ..models import Comite, Objectif, PieceJointe, Support
from ..models.supports import FORMATS_ADMIS, OBJECTIFS_MAX

CHAMPS_SUPPORT = ["reussites", "difficultes", "aide_souhaitee", "objectifs_phase_suivante"]
CHAMPS_OBJECTIF = ["intitule", "livrables", "indicateurs", "atteinte"]
TYPES_ADMIS = FORMATS_ADMIS


def _enregistrer(objet, par, champs=None, raison=None):
    """Save with the author (and, for a file joined or removed, the reason) recorded in the history."""
    objet._history_user = par
    objet._change_reason = raison
    objet.save(**({"update_fields": champs} if champs else {}))


def nom_de_fichier_propre(nom: str, type_fichier: str) -> str:
    """The name shown and offered on download: no path, no control character, the right extension."""
    nom = os.path.basename((nom or "").replace("\\", "/"))
    nom = "".join(c for c in unicodedata.normalize("NFC", nom) if unicodedata.category(c)[0] != "C").strip(" .")
    base, extension = os.path.splitext(nom)
    if extension.lower() not in TYPES[type_fichier].extensions:
        base, extension = nom, TYPES[type_fichier].extension
    return f"{(base or 'document')[:150]}{extension.lower()}"


@transaction.atomic
def support_enregistrer(comite: Comite, *, champs: dict, objectifs: list, fichiers=(), par) -> Support:
    """Save the team's draft: its texts, its objectives by rank (an empty one is removed), new files.

    `objectifs` holds up to four dicts (intitule, livrables, indicateurs, atteinte), or None for a rank left
    empty. Only what changed is written, each change recorded with its author.
    """
    support, cree = Support.objects.select_for_update().get_or_create(comite=comite)
    if support.est_soumis:
        raise ValidationError("Ce support a été soumis : un coach doit le rouvrir pour qu'il soit modifié.")
    if len(objectifs) > OBJECTIFS_MAX or sum(1 for o in objectifs if o) > OBJECTIFS_MAX:
        raise ValidationError(f"Un support compte {OBJECTIFS_MAX} objectifs au plus.")
    changes = [nom for nom in CHAMPS_SUPPORT if nom in champs and getattr(support, nom) != champs[nom]]
    for nom in changes:
        setattr(support, nom, champs[nom])
    if changes or cree:
        _enregistrer(support, par)
    existants = {objectif.rang: objectif for objectif in support.objectifs.all()}
    for rang, donnees in enumerate(objectifs, start=1):
        objectif = existants.get(rang)
        if not donnees or not (donnees.get("intitule") or "").strip():
            if objectif:
                objectif._history_user = par
                objectif.delete()
            continue
        objectif = objectif or Objectif(support=support, rang=rang)
        modifies = [nom for nom in CHAMPS_OBJECTIF if nom in donnees and getattr(objectif, nom) != donnees[nom]]
        for nom in modifies:
            setattr(objectif, nom, donnees[nom])
        if modifies or objectif.pk is None:
            objectif.full_clean()
            _enregistrer(objectif, par)
    for fichier in fichiers:
        piece_jointe_ajouter(support, fichier, par=par)
    return support


def piece_jointe_ajouter(support: Support, fichier, *, par) -> PieceJointe:
    """Attach a file to a draft support, once its size and content are checked (see programme.fichiers)."""
    if support.est_soumis:
        raise ValidationError("Ce support a été soumis : un coach doit le rouvrir pour qu'on y joigne un fichier.")
    type_fichier = fichier_verifier(fichier, TYPES_ADMIS)
    piece = PieceJointe(
        support=support, type=type_fichier, nom=nom_de_fichier_propre(fichier.name, type_fichier),
        taille=fichier.size, ajoutee_par=par,
    )
    fichier.seek(0)
    piece.fichier.save(piece.nom, fichier, save=False)
    try:
        piece.save()
    except Exception:
        # A row that cannot be written must not leave its file on the disk.
        piece.fichier.storage.delete(piece.fichier.name)
        raise
    _enregistrer(support, par, ["updated_at"], raison_fichier(RAISON_FICHIER_JOINT, piece.nom))
    return piece


@transaction.atomic
def piece_jointe_supprimer(piece: PieceJointe, *, par):
    """Remove a file from a draft support; the file leaves the disk once the deletion is committed."""
    support = Support.objects.select_for_update().get(pk=piece.support_id)
    if support.est_soumis:
        raise ValidationError("Ce support a été soumis : un coach doit le rouvrir pour qu'on en retire un fichier.")
    stockage, chemin = piece.fichier.storage, piece.fichier.name
    piece.delete()
    _enregistrer(support, par, ["updated_at"], raison_fichier(RAISON_FICHIER_RETIRE, piece.nom))
    transaction.on_commit(lambda: stockage.delete(chemin))


@transaction.atomic
def support_soumettre(support: Support, *, par, maintenant=None) -> Support:
    """A porteur submits the support. After the deadline it is still accepted, and flagged late."""
    support = Support.objects.select_for_update().select_related("comite").get(pk=support.pk)
    if support.est_soumis:
        raise ValidationError("Ce support est déjà soumis.")
    if not support.objectifs.exists():
        raise ValidationError("Renseignez au moins un objectif avant de soumettre le support.")
    maintenant = maintenant or timezone.now()
    support.statut = Support.Statut.SOUMIS
    support.soumis_le = maintenant
    support.soumis_par = par
    support.en_retard = maintenant > support.comite.echeance_support
    _enregistrer(support, par)
    return support


@transaction.atomic
def support_rouvrir(support: Support, *, par) -> Support:
    """A coach reopens a submitted support: it is a draft again, to be completed and submitted anew."""
    support = Support.objects.select_for_update().get(pk=support.pk)
    if not support.est_soumis:
        raise ValidationError("Ce support n'est pas soumis : il est déjà modifiable.")
    support.statut = Support.Statut.BROUILLON
    support.soumis_le = None
    support.soumis_par = None
    support.en_retard = False
    _enregistrer(support, par)
    return support


def pieces_jointes_echues_supprimer(jour=None) -> int:
    """Remove from the private storage the files joined to the supports of the défis whose promotion is past its
    documents' retention (`programme.conservation`); returns how many files left. The rows stay, with the file's
    name, for the support's page to say which file was removed at the end of its retention. Run every night."""
    pieces = PieceJointe.objects.filter(
        support__comite__defi__promotion__in=promotions_aux_documents_echus(jour)
    ).exclude(fichier="")
    return fichiers_supprimer(piece.fichier for piece in pieces.iterator())


@transaction.atomic
def pieces_jointes_de_supprimer(personne, *, par) -> int:
    """Remove the files an erased person joined to supports, whether the support was submitted or not; each
    support's history says which file `par` removed. Returns how many files left."""
    pieces = list(PieceJointe.objects.filter(ajoutee_par=personne).select_related("support"))
    for piece in pieces:
        piece.delete()
        _enregistrer(piece.support, par, ["updated_at"], raison_fichier(RAISON_FICHIER_RETIRE, piece.nom))
    fichiers = [piece.fichier for piece in pieces]
    transaction.on_commit(lambda: fichiers_supprimer(fichiers))
    return len(pieces)
