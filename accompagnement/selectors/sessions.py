"""Reads of the accompagnement: sessions."""
