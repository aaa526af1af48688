"""The admin of the accompagnement: mentorat."""
