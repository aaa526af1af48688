"""Writes of the accompagnement: bureau."""
