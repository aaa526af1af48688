"""Writes of the accompagnement: heures d'accélération — a parrain logs the hours given to a défi, within the cap.

The monthly cap per parrain (the promotion's `plafond_heures_acceleration`) holds in the database transaction,
even under concurrent entries: the parrain's own row is locked before the month is summed and the entry written,
so two entries of the same parrain are counted one after the other.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from programme.models import Personne, Role

from ..models import HeureAcceleration
from ..selectors.heures import duree_en_clair, minutes_du_mois, mois_en_clair, plafond_minutes, premier_du_mois

QUART_D_HEURE = 15
DUREE_MAX_MINUTES = 5 * 60


class PlafondDepasse(ValidationError):
    """The entry would take the parrain past the month's cap: nothing was written."""


@transaction.atomic
def heure_saisir(parrain, defi, date: datetime.date, duree_minutes: int, sujet: str) -> HeureAcceleration:
    """Log hours a parrain gave a défi of their promotion, in quarter hours, if the month's cap allows it."""
    if duree_minutes <= 0 or duree_minutes % QUART_D_HEURE or duree_minutes > DUREE_MAX_MINUTES:
        raise ValidationError("La durée se saisit en quarts d'heure, de 0 h 15 à 5 h.")
    if date > timezone.localdate():
        raise ValidationError("Les heures se consignent une fois données : la date ne peut pas être à venir.")
    sujet = sujet.strip()
    if not sujet:
        raise ValidationError("Précisez le sujet de ces heures.")
    promotion = defi.promotion
    if promotion is None or not Role.objects.filter(personne=parrain, promotion=promotion,
                                                    type=Role.Type.PARRAIN).exists():
        raise ValidationError("Vous n'êtes pas parrain ou marraine de la promotion de ce défi.")
    # One parrain's entries queue here, so the sum below counts every entry committed before this one.
    Personne.objects.select_for_update().get(pk=parrain.pk)
    premier = premier_du_mois(date)
    deja = minutes_du_mois(parrain, promotion, premier)
    plafond = plafond_minutes(promotion)
    if deja + duree_minutes > plafond:
        raise PlafondDepasse(_message_plafond(plafond - deja, duree_minutes, plafond, premier))
    return HeureAcceleration.objects.create(parrain=parrain, defi=defi, date=date, duree_minutes=duree_minutes,
                                            sujet=sujet)


def _message_plafond(reste: int, duree: int, plafond: int, premier: datetime.date) -> str:
    quand = "ce mois-ci" if premier == premier_du_mois(timezone.localdate()) else f"en {mois_en_clair(premier)}"
    if reste <= 0:
        return (f"Vous avez atteint le plafond de {duree_en_clair(plafond)} {quand} : "
                f"cette saisie de {duree_en_clair(duree)} ne peut pas être enregistrée.")
    return (f"Il vous reste {duree_en_clair(reste)} {quand} ; cette saisie de {duree_en_clair(duree)} "
            f"dépasserait le plafond de {duree_en_clair(plafond)}.")


@transaction.atomic
def heure_supprimer(heure: HeureAcceleration) -> None:
    """Delete an entry: its time is available again in its month."""
    heure.delete()
