"""Reads of the accompagnement: mentorat."""
