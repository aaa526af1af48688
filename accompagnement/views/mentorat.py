"""Pages of the accompagnement: mentorat."""
