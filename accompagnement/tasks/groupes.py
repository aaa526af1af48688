"""Celery tasks of the groupes de partage: the daily preparation of next month's groups."""

from celery import shared_task

from ..services import groupes as services


@shared_task(name="accompagnement.groupes_preparer")
def groupes_preparer():
    """From the 15th compose next month's groups and tell the coaches; from the 22nd publish them."""
    return services.groupes_preparer()
