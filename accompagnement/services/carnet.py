"""Writes of the accompagnement: carnet."""
