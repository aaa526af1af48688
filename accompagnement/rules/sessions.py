"""Permissions of the accompagnement: sessions."""
