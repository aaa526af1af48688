"""Permissions of the groupes."""
