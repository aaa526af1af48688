"""Permissions of the meteo."""
