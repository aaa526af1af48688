"""Permissions of the accompagnement: mentorat."""
