"""The admin of the accompagnement: agenda."""
