"""Permissions of the accompagnement: bureau."""
