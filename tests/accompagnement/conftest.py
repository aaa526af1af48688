"""Fixtures shared by the accompagnement's tests."""

from tests.accompagnement.outils_groupes import composition_rapide  # noqa: F401
