"""The admin of the accompagnement: sessions."""
