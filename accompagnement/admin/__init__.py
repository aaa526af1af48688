"""The admin of the accompagnement, one module per domain."""

from . import agenda, bureau, carnet, groupes, heures, mentorat, meteo, sessions  # noqa: F401
