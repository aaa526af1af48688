"""Celery tasks of the evaluations: the comité reminders."""

from celery import shared_task

from .services.rappels import rappels_comites as rappels_comites_envoyer


@shared_task(name="evaluations.rappels_comites")
def rappels_comites():
    """Each morning: supports due, comités of tomorrow, rapports to publish; returns the e-mails recorded."""
    return rappels_comites_envoyer()
