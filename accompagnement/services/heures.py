"""Writes of the accompagnement: heures."""
