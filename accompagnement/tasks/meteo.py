"""Celery tasks: meteo."""
