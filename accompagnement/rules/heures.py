"""Permissions of the accompagnement: heures."""
