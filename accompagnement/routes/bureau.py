"""URLs of the accompagnement: bureau."""

urlpatterns = []
