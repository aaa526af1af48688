"""URLs of the meteo (filled in by its issue-5 work)."""

urlpatterns = []
