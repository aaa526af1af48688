"""The admin of the accompagnement, one module per domain."""

from . import agenda, bureau, carnet, heures, mentorat, sessions  # noqa: F401
