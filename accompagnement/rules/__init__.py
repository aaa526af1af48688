"""Permissions of the accompagnement, one module per domain (django-rules predicates)."""

from . import agenda, bureau, carnet, groupes, heures, mentorat, meteo, sessions  # noqa: F401
