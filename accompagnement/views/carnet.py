"""Pages of the accompagnement: carnet."""
