"""Celery tasks of the météo entrepreneuriale: the daily round at noon (open, remind, close)."""

from celery import shared_task

from ..services.meteo import meteo_tour


@shared_task(name="accompagnement.meteo_vagues")
def meteo_vagues():
    """Open the rounds due today and invite, remind those who have not answered, close the rounds due."""
    return meteo_tour()
