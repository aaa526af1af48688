"""Writes of the accompagnement: heures d'accélération — a parrain logs the hours given to a défi, within the cap.

The monthly cap per parrain (the promotion's `plafond_heures_acceleration`) holds in the database transaction,
even under concurrent entries: the parrain's own row is locked before the month is summed and the entry written,
so two entries of the same parrain are counted one after the other.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from programme.dates import fenetre_heures, mois_en_clair, premier_du_mois, verifier_date
from programme.historique import auteur_noter
from programme.models import Personne, Role

from ..models import HeureAcceleration
from ..selectors.heures import duree_en_clair, minutes_du_mois, plafond_minutes

QUART_D_HEURE = 15
DUREE_MAX_MINUTES = 5 * 60


class PlafondDepasse(ValidationError):
    """The entry would take the parrain past the month's cap: nothing was written."""


@transaction.atomic
def heure_saisir(parrain, defi, date: datetime.date, duree_minutes: int, sujet: str) -> HeureAcceleration:
    """Log hours a parrain gave a défi of their promotion, in quarter hours, if the month's cap allows it."""
    return heure_enregistrer(HeureAcceleration(parrain=parrain, defi=defi, date=date, duree_minutes=duree_minutes,
                                               sujet=sujet), par=parrain)


@transaction.atomic
def heure_enregistrer(heure: HeureAcceleration, par=None) -> HeureAcceleration:
    """Write a new or changed entry (the parrain's form, the coaches' admin) if every rule allows it; `par`, who
    wrote it, is named in the journal of changes."""
    heure_verifier(heure)
    auteur_noter(heure, par)
    heure.save()
    return heure


@transaction.atomic
def heure_verifier(heure: HeureAcceleration) -> None:
    """Raise the French reason why the entry may not be written: its duration, its date (within the promotion,
    never ahead), its subject, the parrain's role, the month's cap (counting the parrain's other entries).

    The parrain's row stays locked until the caller's transaction ends, so that a check in a form and the write
    that follows it (the admin does both in one transaction) count the same entries."""
    parrain, defi, date, duree_minutes = heure.parrain, heure.defi, heure.date, heure.duree_minutes
    if heure.parrain_efface is not None:
        raise ValidationError("Ces heures sont celles d'une personne effacée : elles restent telles quelles.")
    if duree_minutes <= 0 or duree_minutes % QUART_D_HEURE or duree_minutes > DUREE_MAX_MINUTES:
        raise ValidationError("La durée se saisit en quarts d'heure, de 0 h 15 à 5 h.")
    if date > timezone.localdate():
        raise ValidationError("Les heures se consignent une fois données : la date ne peut pas être à venir.")
    heure.sujet = (heure.sujet or "").strip()
    if not heure.sujet:
        raise ValidationError("Précisez le sujet de ces heures.")
    promotion = defi.promotion
    if promotion is None or not Role.objects.filter(personne=parrain, promotion=promotion,
                                                    type=Role.Type.PARRAIN).exists():
        raise ValidationError("Vous n'êtes pas parrain ou marraine de la promotion de ce défi.")
    verifier_date(date, fenetre_heures(promotion), "date")
    # One parrain's entries queue here, so the sum below counts every entry committed before this one.
    Personne.objects.select_for_update().get(pk=parrain.pk)
    premier = premier_du_mois(date)
    deja = minutes_du_mois(parrain, promotion, premier, sauf=heure.pk)
    plafond = plafond_minutes(promotion)
    if deja + duree_minutes > plafond:
        raise PlafondDepasse(_message_plafond(plafond - deja, duree_minutes, plafond, premier))


def _message_plafond(reste: int, duree: int, plafond: int, premier: datetime.date) -> str:
    quand = "ce mois-ci" if premier == premier_du_mois() else f"en {mois_en_clair(premier)}"
    if reste <= 0:
        return (f"Vous avez atteint le plafond de {duree_en_clair(plafond)} {quand} : "
                f"cette saisie de {duree_en_clair(duree)} ne peut pas être enregistrée.")
    return (f"Il vous reste {duree_en_clair(reste)} {quand} ; cette saisie de {duree_en_clair(duree)} "
            f"dépasserait le plafond de {duree_en_clair(plafond)}.")


@transaction.atomic
def heure_supprimer(heure: HeureAcceleration, par=None) -> None:
    """Delete an entry: its time is available again in its month; the journal of changes keeps it, by `par`."""
    auteur_noter(heure, par)
    heure.delete()


@transaction.atomic
def heures_anonymiser(parrain, numero_effacement: int) -> int:
    """Keep an erased parrain's hours with their défis, their giver replaced by the erasure's number: each défi's
    and each month's totals, and their counts of parrains, stay as they were. Returns how many entries stay."""
    return HeureAcceleration.objects.filter(parrain=parrain).update(parrain=None, parrain_efface=numero_effacement)
