"""Permissions of the accompagnement: agenda."""
