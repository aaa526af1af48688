"""URLs of the accompagnement: carnet."""

urlpatterns = []
