"""Permissions of the accompagnement, one module per domain (django-rules predicates)."""

from . import agenda, bureau, carnet, heures, mentorat, sessions  # noqa: F401
