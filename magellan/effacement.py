"""Erasure of a person who leaves the programme, by a coach (the rule `programme.effacer_personne`).

What identifies the person goes: their account (name, address, profile — so they can no longer log in and their
address can be invited again), roles, invitations, teams, carnets de bord, mentorat slots and cycles, sharing
groups, e-mails, acknowledgements of the charter and the arrival path's notes, the files they uploaded (their
annuaire photo among them). What the
programme's figures count stays, with nobody behind it: their
météo answers (closed rounds keep the figures frozen at their closing), the hours they gave (each défi's totals and
count of parrains stay), their answers to past sessions (attendance stays). An `Effacement` row keeps the trace: who
erased, when, the former number and the role types — never the name. The kept versions of the journal of
changes lose the person too: their relations to them are emptied (`programme.historique.versions_oublier`).

The person is deleted, not a placeholder kept in their place: a placeholder would tie their answers together
under one pseudonym, when each answer, detached, is anonymous.
"""

import dataclasses

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accompagnement.models import (
    CarnetDeBord,
    Creneau,
    Cycle,
    DemandeAide,
    HeureAcceleration,
    Inscription,
    MembreGroupe,
    ReponseMeteo,
)
from accompagnement.services.bureau import documents_de_supprimer
from accompagnement.services.heures import heures_anonymiser
from accompagnement.services.meteo import reponses_anonymiser
from accompagnement.services.sessions import inscriptions_anonymiser
from defis.models import MembreEquipe
from evaluations.models import PieceJointe
from evaluations.services.supports import pieces_jointes_de_supprimer
from programme.historique import versions_oublier
from programme.models import Invitation, Notification, Personne, Role
from programme.services import photo_supprimer

from .models import Effacement, JalonArrivee, PriseDeConnaissance


@dataclasses.dataclass(frozen=True)
class Ligne:
    libelle: str
    nombre: int


@dataclasses.dataclass(frozen=True)
class Inventaire:
    """What an erasure removes (`part`) and what it keeps without the person (`reste`), for the confirmation page."""

    part: list[Ligne]
    reste: list[Ligne]


def effacement_inventaire(personne: Personne, maintenant=None) -> Inventaire:
    """What erasing `personne` would remove and what would stay anonymous, counted."""
    maintenant = maintenant or timezone.now()
    fichiers = (PieceJointe.objects.filter(ajoutee_par=personne).count()
                + DemandeAide.objects.filter(demandeur=personne).exclude(document="").count()
                + (1 if personne.photo else 0))
    part = [
        Ligne("Identité, adresse électronique et profil (la personne ne peut plus se connecter)", 1),
        Ligne("Rôles", Role.objects.filter(personne=personne).count()),
        Ligne("Invitations", Invitation.objects.filter(personne=personne).count()),
        Ligne("Places dans les équipes des défis", MembreEquipe.objects.filter(personne=personne).count()),
        Ligne("Carnets de bord", CarnetDeBord.objects.filter(eig=personne).count()),
        Ligne("Créneaux de mentorat offerts", Creneau.objects.filter(mentor=personne).count()),
        Ligne("Cycles de mentorat réservés ou tenus",
              Cycle.objects.filter(Q(demandeur=personne) | Q(mentor=personne)).count()),
        Ligne("Places dans les groupes de partage", MembreGroupe.objects.filter(personne=personne).count()),
        Ligne("Courriels et notifications", Notification.objects.filter(destinataire=personne).count()),
        Ligne("Prises de connaissance de la charte", PriseDeConnaissance.objects.filter(personne=personne).count()),
        Ligne("Étapes notées du parcours d'arrivée", JalonArrivee.objects.filter(personne=personne).count()),
        Ligne("Fichiers déposés (supports de comité, bureau d'aide, photo de l'annuaire)", fichiers),
        Ligne("Réponses aux sessions à venir",
              Inscription.objects.filter(personne=personne, session__fin__gt=maintenant).count()),
        Ligne("Textes libres et alertes de ses météos",
              ReponseMeteo.objects.filter(eig=personne, repondue_le__isnull=False).count()),
    ]
    reste = [
        Ligne("Réponses à la météo (niveaux seulement, sans nom : les chiffres publiés ne bougent pas)",
              ReponseMeteo.objects.filter(eig=personne, repondue_le__isnull=False).count()),
        Ligne("Heures d'accélération données (les totaux par défi et par mois restent)",
              HeureAcceleration.objects.filter(parrain=personne).count()),
        Ligne("Réponses aux sessions passées (les présences restent)",
              Inscription.objects.filter(personne=personne, session__fin__lte=maintenant).count()),
    ]
    return Inventaire(part=part, reste=reste)


@transaction.atomic
def personne_effacer(personne: Personne, *, par: Personne, maintenant=None) -> Effacement:
    """Erase `personne` at the request of the coach `par`, in one transaction: the shown figures stay as they were,
    nothing left names the person, and an `Effacement` records who erased whom (by former number) and when.

    Raises PermissionDenied when the rule refuses it (not a coach, or the coach themself)."""
    if personne.pk == par.pk or not par.has_perm("programme.effacer_personne", personne):
        raise PermissionDenied("Vous ne pouvez pas effacer cette personne.")
    maintenant = maintenant or timezone.now()
    personne = Personne.objects.select_for_update().get(pk=personne.pk)
    libelles = dict(Role.Type.choices)
    types = sorted({libelles[t] for t in Role.objects.filter(personne=personne).values_list("type", flat=True)})
    effacement = Effacement.objects.create(par=par, le=maintenant, ancien_numero=personne.pk,
                                           types_de_roles=", ".join(types))
    reponses_anonymiser(personne, maintenant)
    heures_anonymiser(personne, effacement.pk)
    inscriptions_anonymiser(personne, maintenant)
    documents_de_supprimer(personne)
    pieces_jointes_de_supprimer(personne, par=par)
    photo_supprimer(personne)
    adresse = Q(adresse__iexact=personne.email) if personne.email else Q(pk__in=[])
    Notification.objects.filter(Q(destinataire=personne) | adresse).delete()
    PriseDeConnaissance.objects.filter(personne=personne).delete()
    JalonArrivee.objects.filter(personne=personne).delete()
    # The admin's log names the person in its entries about them, their roles and invitations.
    for modele, pks in ((Personne, [personne.pk]), (Role, personne.roles.values_list("pk", flat=True)),
                        (Invitation, personne.invitations.values_list("pk", flat=True))):
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(modele),
                                object_id__in=[str(pk) for pk in pks]).delete()
    numero = personne.pk
    personne.delete()
    versions_oublier(numero)
    return effacement
