"""Pages of the accompagnement: sessions."""
