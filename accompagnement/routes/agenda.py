"""URLs of the accompagnement: agenda."""

urlpatterns = []
