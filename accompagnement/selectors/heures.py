"""Reads of the accompagnement: heures."""
