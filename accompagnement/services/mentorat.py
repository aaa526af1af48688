"""Writes of the accompagnement: mentorat."""
