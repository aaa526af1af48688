"""URLs of the accompagnement: heures."""

urlpatterns = []
