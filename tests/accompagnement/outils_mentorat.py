"""Helpers of the mentorat tests: Paris times from next Monday, and series of weekly slots."""

import datetime

from django.utils import timezone

from accompagnement.factories import CreneauFactory


def lundi(dans_semaines: int = 1) -> datetime.date:
    """The Monday `dans_semaines` weeks ahead (1: next Monday)."""
    aujourd_hui = timezone.localdate()
    return aujourd_hui + datetime.timedelta(days=7 * dans_semaines - aujourd_hui.weekday())


def a_paris(jour: datetime.date, heure: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(jour, datetime.time(heure, minute)))


def serie(mentor, debut: datetime.datetime, *, type_mentorat="individuel", nombre=4,
          ecart=datetime.timedelta(weeks=1)) -> list:
    """`nombre` slots of a mentor, `ecart` apart from `debut`."""
    return [CreneauFactory(mentor=mentor, type=type_mentorat, debut=debut + rang * ecart) for rang in range(nombre)]
