"""Writes of the carnet de bord: an EIG writes, then rewrites as often as needed, their entry of the month."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from programme.dates import premier_du_mois
from programme.models import Competence

from ..models import AutoEvaluation, CarnetDeBord


def _verifier_niveaux(phase, niveaux):
    attendues = set()
    if phase:
        attendues = set(Competence.objects.filter(phase=phase.numero, public=Competence.Public.EIG)
                        .values_list("pk", flat=True))
    for competence, niveau in niveaux.items():
        if competence.pk not in attendues:
            raise ValidationError(f"« {competence} » n'est pas une compétence de la phase en cours.")
        if niveau not in AutoEvaluation.Niveau.values:
            raise ValidationError(f"Le niveau de « {competence} » va de 1 à 4.")


@transaction.atomic
def carnet_enregistrer(eig, *, mois: datetime.date, phase, niveaux=None, **textes: str) -> CarnetDeBord:
    """Write the EIG's entry of `mois`: created the first time, updated afterwards, never duplicated.

    `textes` gives the entry's texts by field name (`CarnetDeBord.TEXTES`; a text not given is left empty, and
    `objectifs` is required). `niveaux` maps each compétence of `phase` (public EIG) to a level from 1 to 4; the
    entry's self-assessment becomes exactly that.
    """
    niveaux = niveaux or {}
    inconnus = set(textes) - set(CarnetDeBord.TEXTES)
    if inconnus:
        raise TypeError(f"Textes inconnus du carnet de bord : {', '.join(sorted(inconnus))}.")
    textes = {nom: (textes.get(nom) or "").strip() for nom in CarnetDeBord.TEXTES}
    if not textes["objectifs"]:
        raise ValidationError({"objectifs": "Indiquez vos objectifs du mois."})
    for nom, texte in textes.items():
        limite = CarnetDeBord._meta.get_field(nom).max_length
        if len(texte) > limite:
            raise ValidationError({nom: f"{limite} caractères au plus."})
    _verifier_niveaux(phase, niveaux)
    carnet, _ = CarnetDeBord.objects.update_or_create(
        eig=eig, mois=premier_du_mois(mois), defaults={"phase": phase, **textes},
    )
    carnet.evaluations.exclude(competence__in=list(niveaux)).delete()
    for competence, niveau in niveaux.items():
        AutoEvaluation.objects.update_or_create(carnet=carnet, competence=competence, defaults={"niveau": niveau})
    return carnet
