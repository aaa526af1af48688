"""The admin of the accompagnement: bureau."""
