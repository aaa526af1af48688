"""The admin of the accompagnement: heures."""
