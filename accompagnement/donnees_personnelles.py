"""What the accompagnement holds about a person (« Mes données », see `programme.donnees_personnelles`):
registrations and attendance, sessions they facilitate, carnets de bord, their own météo answers, heures
d'accélération they gave as parrain (logged by them or by a coach), mentorat slots and cycles, bureau d'aide
requests and their documents, groupes de partage, the agenda subscription."""

import os

from programme.donnees_personnelles import Fichier, ligne, modifications

from .models import (
    CarnetDeBord,
    Creneau,
    Cycle,
    DemandeAide,
    HeureAcceleration,
    Inscription,
    JetonAgenda,
    MembreGroupe,
    ReponseMeteo,
    Session,
)


def _seance(session) -> dict:
    return ligne(session, "titre", "dispositif", "debut", "fin", "lieu", "statut")


def _carnet(carnet) -> dict:
    return {
        **ligne(carnet, "mois", "phase", *CarnetDeBord.TEXTES, ecrit_le=carnet.created_at,
                modifie_le=carnet.updated_at),
        "auto_evaluations": [ligne(evaluation, "competence", "niveau") for evaluation in carnet.evaluations.all()],
    }


def _cycle(cycle, personne) -> dict:
    return {
        **ligne(cycle, "type", "besoins", "annule_le", reserve_le=cycle.created_at,
                mon_role="mentor" if cycle.mentor_id == personne.pk else "demandeur",
                demandeur=str(cycle.demandeur), mentor=str(cycle.mentor)),
        "seances": [ligne(reservation.creneau, "debut", "fin", "lieu", annulee_le=reservation.annulee_le)
                    for reservation in cycle.reservations.all()],
    }


def _document(demande) -> str:
    return f"fichiers/bureau-aide/{demande.pk}-{os.path.basename(demande.document.name)}"


def donnees_de(personne) -> dict[str, list[dict]]:
    """The person's records in the accompagnement, by kind."""
    inscriptions = Inscription.objects.filter(personne=personne).select_related("session__dispositif")
    cycles = (Cycle.objects.filter(demandeur=personne) | Cycle.objects.filter(mentor=personne)).select_related(
        "demandeur", "mentor").prefetch_related("reservations__creneau")
    demandes = DemandeAide.objects.filter(demandeur=personne).select_related("defi")
    return {
        "inscriptions": [{**_seance(inscription.session), **ligne(inscription, "statut", "present",
                                                                  inscrite_le=inscription.created_at)}
                         for inscription in inscriptions],
        "sessions_animees": [_seance(session) for session in Session.objects.filter(
            facilitateurs=personne).select_related("dispositif")],
        "carnets": [_carnet(carnet) for carnet in CarnetDeBord.objects.filter(eig=personne).select_related(
            "phase__promotion").prefetch_related("evaluations__competence")],
        "meteo": [ligne(reponse, "meteo", "vie_equipe", "epanouissement", "reussites", "difficultes",
                        "souhaite_echanger", "invitee_le", "repondue_le", vague=reponse.vague.date)
                  for reponse in ReponseMeteo.objects.filter(eig=personne).select_related("vague")],
        "heures": [ligne(heure, "date", "defi", "duree_minutes", "sujet", consignee_le=heure.created_at)
                   for heure in HeureAcceleration.objects.filter(parrain=personne).select_related("defi")],
        "creneaux_mentorat": [ligne(creneau, "type", "debut", "fin", "lieu", publie_le=creneau.created_at)
                              for creneau in Creneau.objects.filter(mentor=personne)],
        "cycles_mentorat": [_cycle(cycle, personne) for cycle in cycles],
        "demandes_aide": [ligne(demande, "defi", "nature", "description", "statut", "resultat", "prise_en_charge_le",
                                "close_le", demandee_le=demande.created_at,
                                document=_document(demande) if demande.document else None)
                          for demande in demandes],
        "groupes_partage": [ligne(membre, "mois", "type", groupe=membre.groupe.numero)
                            for membre in MembreGroupe.objects.filter(personne=personne).select_related("groupe")],
        "abonnement_agenda": [{"cree_le": jeton.created_at} for jeton in JetonAgenda.objects.filter(personne=personne)],
        "modifications": modifications([HeureAcceleration, Session], personne),
    }


def fichiers_de(personne) -> list[Fichier]:
    """The documents the person joined to their bureau d'aide requests."""
    return [Fichier(_document(demande), demande.document)
            for demande in DemandeAide.objects.filter(demandeur=personne).exclude(document="")]
