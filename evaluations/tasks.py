"""Celery tasks of the evaluations: the comité reminders."""
