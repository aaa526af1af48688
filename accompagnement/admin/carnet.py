"""The admin of the accompagnement: carnet."""
