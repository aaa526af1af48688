"""Reads of the accompagnement: carnet."""
