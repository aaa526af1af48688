"""Permissions of the accompagnement: carnet."""
