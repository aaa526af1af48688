"""Admin of the meteo."""
