"""Writes of the accompagnement: agenda."""
