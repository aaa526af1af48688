"""What Magellan holds about a person, app by app (« Mes données »).

Each app has a `donnees_personnelles.py` whose `donnees_de(personne)` gives its records about the person, by kind
(French keys; dates left as dates, written in ISO 8601 by the archive) and whose `fichiers_de(personne)` gives the
files the person uploaded. `magellan.mes_donnees` gathers them into one ZIP. This module holds the helpers they
share and the programme's own records: profile (with the annuaire photo), roles, invitations, notifications,
refused reminders.
"""

import dataclasses
import os

from django.db.models.fields.files import FieldFile

from .models import Invitation, Notification, Personne, Promotion, RefusNotification, Role


@dataclasses.dataclass(frozen=True)
class Fichier:
    """A file of the person, and where it goes in the archive."""

    chemin: str
    fichier: FieldFile


def ligne(objet, *champs, **autres) -> dict:
    """A record's fields by their names (a choice by its label, a related row by its name), then `autres`."""
    donnees = {}
    for champ in champs:
        field = objet._meta.get_field(champ)
        valeur = getattr(objet, champ)
        if field.choices and valeur not in (None, ""):
            valeur = getattr(objet, f"get_{champ}_display")()
        elif field.is_relation and valeur is not None:
            valeur = str(valeur)
        donnees[champ] = valeur
    return {**donnees, **autres}


def modifications(modeles, personne) -> list[dict]:
    """The versions of `modeles` (kept by django-simple-history) the person wrote: when, what, which action (and
    its recorded reason, such as a file joined)."""
    actions = {"+": "création", "~": "modification", "-": "suppression"}
    entrees = []
    for modele in modeles:
        for version in modele.history.filter(history_user=personne).order_by("history_date").values(
                "id", "history_date", "history_type", "history_change_reason"):
            entrees.append({"date": version["history_date"], "objet": str(modele._meta.verbose_name),
                            "numero": version["id"], "action": actions[version["history_type"]],
                            "motif": version["history_change_reason"] or ""})
    return entrees


def donnees_de(personne: Personne) -> dict[str, list[dict]]:
    """The person's profile, roles, invitations received, e-mails (subject, date, status: bodies are erased once
    sent) and the reminders they declined; the versions of roles and promotions they wrote."""
    return {
        "profil": [ligne(
            personne, "prenom", "nom_usage", "email", "fonction", "linkedin", "github", "presentation", "image",
            metiers=[str(expertise) for expertise in personne.expertises.all()], active=personne.is_active,
            inscrite_le=personne.date_joined, identifiant_public=personne.slug,
            domaines_annuaire=[str(domaine) for domaine in personne.domaines.all()],
            photo_annuaire=_photo(personne) if personne.photo else "",
            annuaire_montre={"photo": personne.annuaire_photo, "presentation": personne.annuaire_presentation,
                             "liens": personne.annuaire_liens, "adresse": personne.annuaire_courriel},
        )],
        "roles": [ligne(role, "type", promotion=str(role.promotion) if role.promotion else "tout le programme",
                        depuis=role.created_at)
                  for role in Role.objects.filter(personne=personne).select_related("promotion")],
        "invitations": [ligne(invitation, "email", "type_role", "promotion", envoyee_le=invitation.created_at,
                              expire_le=invitation.expire_le, acceptee_le=invitation.acceptee_le)
                        for invitation in Invitation.objects.filter(personne=personne).select_related("promotion")],
        "notifications": [ligne(notification, "sujet", "categorie", "statut", "adresse",
                                creee_le=notification.created_at, envoyee_le=notification.envoyee_le)
                          for notification in Notification.objects.filter(destinataire=personne)],
        "rappels_refuses": [ligne(refus, "categorie") for refus in RefusNotification.objects.filter(personne=personne)],
        "modifications": modifications([Role, Promotion], personne),
    }


def _photo(personne) -> str:
    return f"fichiers/annuaire/photo{os.path.splitext(personne.photo.name)[1]}"


def fichiers_de(personne: Personne) -> list[Fichier]:
    """The photo the person uploaded for the annuaire, if any."""
    return [Fichier(_photo(personne), personne.photo)] if personne.photo else []
