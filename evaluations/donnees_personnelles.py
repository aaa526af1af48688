"""What the evaluations hold about a person (« Mes données », see `programme.donnees_personnelles`): the comités
they sat on, the supports they wrote (with their objectives), the files they joined, the versions they wrote."""

import os

from django.db.models import Q

from programme.donnees_personnelles import Fichier, ligne, modifications

from .models import AtteinteObjectif, Comite, Objectif, PieceJointe, Rapport, Support


def _piece(piece) -> str:
    return f"fichiers/supports/{piece.pk}-{os.path.basename(piece.nom)}"


def _support(support) -> dict:
    return {
        **ligne(support, "statut", "reussites", "difficultes", "aide_souhaitee", "objectifs_phase_suivante",
                "soumis_le", "soumis_par", defi=str(support.comite.defi), phase=support.comite.phase.numero),
        "objectifs": [ligne(objectif, "rang", "intitule", "livrables", "indicateurs", "atteinte")
                      for objectif in support.objectifs.all()],
    }


def donnees_de(personne) -> dict[str, list[dict]]:
    """The person's records in the evaluations, by kind."""
    ecrits = (Q(soumis_par=personne) | Q(pk__in=Support.history.filter(history_user=personne).values("id"))
              | Q(pk__in=Objectif.history.filter(history_user=personne).values("support_id"))
              | Q(pieces_jointes__ajoutee_par=personne))
    supports = Support.objects.filter(ecrits).distinct().select_related(
        "comite__defi", "comite__phase", "soumis_par").prefetch_related("objectifs")
    comites = (Comite.objects.filter(Q(coachs=personne) | Q(participants=personne)).distinct()
               .select_related("defi", "phase").prefetch_related("coachs"))
    return {
        "comites": [ligne(comite, "defi", "debut", "duree_minutes", phase=comite.phase.numero,
                          mon_role="coach" if personne in comite.coachs.all() else "participant")
                    for comite in comites],
        "supports": [_support(support) for support in supports],
        "pieces_jointes": [ligne(piece, "nom", "type", "taille", ajoutee_le=piece.created_at, fichier=_piece(piece))
                           for piece in PieceJointe.objects.filter(ajoutee_par=personne)],
        "modifications": modifications([Comite, Support, Objectif, Rapport, AtteinteObjectif], personne),
    }


def fichiers_de(personne) -> list[Fichier]:
    """The files the person joined to comité supports."""
    return [Fichier(_piece(piece), piece.fichier) for piece in PieceJointe.objects.filter(ajoutee_par=personne)]
