"""Celery tasks of the accompagnement, one module per domain; each is thin and calls a service."""

from . import groupes, meteo, rappels  # noqa: F401
