"""Pages of the accompagnement: bureau."""
