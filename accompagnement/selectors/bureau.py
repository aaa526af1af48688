"""Reads of the accompagnement: bureau."""
