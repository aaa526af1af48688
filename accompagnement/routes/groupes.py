"""URLs of the groupes (filled in by its issue-5 work)."""

urlpatterns = []
