"""Celery tasks: groupes."""
