"""URLs of the accompagnement: sessions."""

urlpatterns = []
