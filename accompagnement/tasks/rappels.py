"""Celery tasks of the accompagnement's recurring reminders: carnet de bord, sessions, heures d'accélération."""

from celery import shared_task

from ..services import rappels


@shared_task(name="accompagnement.rappel_carnet")
def rappel_carnet():
    """The 20th: remind the EIG who have not written this month's carnet de bord."""
    return rappels.rappel_carnet()


@shared_task(name="accompagnement.rappels_sessions")
def rappels_sessions():
    """Each hour: remind the sessions starting within `RAPPEL_SESSION_AVANCE`."""
    return rappels.rappels_sessions()


@shared_task(name="accompagnement.resume_heures")
def resume_heures():
    """The 1st: the heures d'accélération of the month just ended, to the parrains and the coaches."""
    return rappels.resume_heures()
