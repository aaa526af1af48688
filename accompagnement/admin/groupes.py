"""Admin of the groupes."""
