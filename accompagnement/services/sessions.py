"""Writes of the accompagnement: sessions."""
