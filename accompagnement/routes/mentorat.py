"""URLs of the accompagnement: mentorat."""

urlpatterns = []
