"""Pages of the accompagnement: heures."""
