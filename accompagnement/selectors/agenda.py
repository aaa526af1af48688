"""Reads of the accompagnement: agenda."""
