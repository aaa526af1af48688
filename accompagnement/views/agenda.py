"""Pages of the accompagnement: agenda."""
