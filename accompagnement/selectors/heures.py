"""Reads of the accompagnement: heures d'accélération — a parrain's month, a défi's hours, the coaches' tables.

Durations are stored in minutes (quarter hours) and shown as people say them: « 1 h 15 », « 0 h 45 », « 5 h ».
The cap holds per parrain, per calendar month, over the défis of one promotion.
"""

import datetime

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth

from defis.models import Defi
from programme.dates import mois_en_clair, mois_suivant, premier_du_mois
from programme.models import Promotion, Role

from ..models import HeureAcceleration


def duree_en_clair(minutes: int) -> str:
    """« 1 h 15 », « 0 h 45 », « 5 h »."""
    heures, reste = divmod(int(minutes), 60)
    return f"{heures} h {reste:02d}" if reste else f"{heures} h"


def plafond_minutes(promotion: Promotion) -> int:
    """The promotion's monthly cap per parrain, in minutes."""
    return int(promotion.plafond_heures_acceleration * 60)


def minutes_du_mois(parrain, promotion, premier: datetime.date, *, sauf: int | None = None) -> int:
    """The minutes a parrain logged in a month for the défis of a promotion (but the entry `sauf`, being
    changed)."""
    return HeureAcceleration.objects.filter(
        parrain=parrain, defi__promotion=promotion, date__gte=premier, date__lt=mois_suivant(premier)
    ).exclude(pk=sauf).aggregate(total=Coalesce(Sum("duree_minutes"), 0))["total"]


def _minutes_du_parrain(premier: datetime.date):
    """A subquery: the minutes the role's person gave in the month to the défis of the role's promotion."""
    return Coalesce(
        Subquery(
            HeureAcceleration.objects.filter(
                parrain=OuterRef("personne"), defi__promotion=OuterRef("promotion"),
                date__gte=premier, date__lt=mois_suivant(premier),
            ).values("parrain").annotate(total=Sum("duree_minutes")).values("total"),
            output_field=IntegerField(),
        ),
        0,
    )


def defis_du_parrain(parrain) -> QuerySet[Defi]:
    """The défis a parrain may give hours to: those of the promotions where they are parrain or marraine."""
    promotions = Role.objects.filter(personne=parrain, type=Role.Type.PARRAIN).values("promotion")
    return Defi.objects.filter(promotion__in=promotions).select_related("promotion").order_by("-promotion__numero",
                                                                                               "titre")


def compteurs_du_parrain(parrain, premier: datetime.date) -> list[dict]:
    """For each promotion where the person is parrain: the month's minutes, the cap and what is left."""
    roles = (
        Role.objects.filter(personne=parrain, type=Role.Type.PARRAIN, promotion__isnull=False)
        .select_related("promotion").annotate(minutes=_minutes_du_parrain(premier)).order_by("-promotion__numero")
    )
    return [_compteur(role.promotion, role.minutes) for role in roles]


def _compteur(promotion, minutes) -> dict:
    plafond = plafond_minutes(promotion)
    reste = max(plafond - minutes, 0)
    return {
        "promotion": promotion, "minutes": minutes, "plafond": plafond, "reste": reste,
        "minutes_en_clair": duree_en_clair(minutes), "plafond_en_clair": duree_en_clair(plafond),
        "reste_en_clair": duree_en_clair(reste),
        "pourcentage": min(round(100 * minutes / plafond), 100) if plafond else 100,
    }


def _avec_duree(heures):
    """The entries, each with its duration in words (`duree_en_clair`)."""
    heures = list(heures)
    for heure in heures:
        heure.duree_en_clair = duree_en_clair(heure.duree_minutes)
    return heures


def saisies_du_mois(parrain, premier: datetime.date) -> list[HeureAcceleration]:
    """A parrain's entries of a month, latest first, each with its défi and duration in words."""
    return _avec_duree(
        HeureAcceleration.objects.filter(parrain=parrain, date__gte=premier, date__lt=mois_suivant(premier))
        .select_related("defi")
    )


def heure(pk) -> HeureAcceleration | None:
    """One entry, to delete it."""
    return HeureAcceleration.objects.filter(pk=pk).first()


def defi_par_slug(slug) -> Defi | None:
    """A défi and its promotion, for the page of its hours."""
    return Defi.objects.select_related("promotion").filter(slug=slug).first()


def heures_recues(defi) -> dict:
    """What a défi received: every entry (latest first, with its parrain) and the totals per month."""
    heures = _avec_duree(defi.heures_recues.select_related("parrain"))
    par_mois: dict[datetime.date, dict] = {}
    for entree in heures:
        bloc = par_mois.setdefault(premier_du_mois(entree.date), {"minutes": 0, "parrains": set()})
        bloc["minutes"] += entree.duree_minutes
        bloc["parrains"].add(entree.parrain_id)
    mois = [
        {"mois": mois_en_clair(premier), "minutes_en_clair": duree_en_clair(bloc["minutes"]),
         "parrains": len(bloc["parrains"])}
        for premier, bloc in sorted(par_mois.items(), reverse=True)
    ]
    total = sum(entree.duree_minutes for entree in heures)
    return {"heures": heures, "par_mois": mois, "total_en_clair": duree_en_clair(total)}


def consommation_par_parrain(premier: datetime.date, promotion=None) -> list[dict]:
    """Each parrain or marraine of the promotion (or of all): the month's minutes against the cap, and défis helped."""
    defis_aides = Coalesce(
        Subquery(
            HeureAcceleration.objects.filter(
                parrain=OuterRef("personne"), defi__promotion=OuterRef("promotion"),
                date__gte=premier, date__lt=mois_suivant(premier),
            ).values("parrain").annotate(nombre=Count("defi", distinct=True)).values("nombre"),
            output_field=IntegerField(),
        ),
        0,
    )
    roles = (
        Role.objects.filter(type=Role.Type.PARRAIN, promotion__isnull=False)
        .select_related("personne", "promotion")
        .annotate(minutes=_minutes_du_parrain(premier), defis_aides=defis_aides)
        .order_by("-minutes", "personne__nom_usage", "personne__prenom")
    )
    if promotion is not None:
        roles = roles.filter(promotion=promotion)
    return [{"parrain": role.personne, "defis_aides": role.defis_aides, **_compteur(role.promotion, role.minutes)}
            for role in roles]


def consommation_par_defi(premier: datetime.date, promotion=None) -> list[dict]:
    """The défis that received hours in the month: minutes and number of parrains, most helped first."""
    du_mois = Q(heures_recues__date__gte=premier, heures_recues__date__lt=mois_suivant(premier))
    defis = (
        Defi.objects.select_related("promotion")
        .annotate(minutes=Sum("heures_recues__duree_minutes", filter=du_mois),
                  parrains=Count("heures_recues__parrain", filter=du_mois, distinct=True)
                  + Count("heures_recues__parrain_efface", filter=du_mois, distinct=True))
        .filter(minutes__gt=0)
        .order_by("-minutes", "titre")
    )
    if promotion is not None:
        defis = defis.filter(promotion=promotion)
    return [{"defi": defi, "minutes_en_clair": duree_en_clair(defi.minutes), "parrains": defi.parrains}
            for defi in defis]


def consommation_par_mois(promotion) -> list[dict]:
    """A promotion's hours month by month, over its défis."""
    mois = (
        HeureAcceleration.objects.filter(defi__promotion=promotion)
        .annotate(mois=TruncMonth("date")).values("mois")
        .annotate(minutes=Sum("duree_minutes"),
                  parrains=Count("parrain", distinct=True) + Count("parrain_efface", distinct=True),
                  defis=Count("defi", distinct=True))
        .order_by("mois")
    )
    return [{"mois": mois_en_clair(ligne["mois"]), "premier": ligne["mois"],
             "minutes_en_clair": duree_en_clair(ligne["minutes"]), "parrains": ligne["parrains"],
             "defis": ligne["defis"]} for ligne in mois]
