"""URLs of the accompagnement: agenda (month, list, subscription, the feed) and a session's .ics."""

from django.urls import path

from ..views import agenda as vues

urlpatterns = [
    path("agenda/", vues.agenda, name="agenda"),
    path("agenda/liste/", vues.agenda_liste, name="agenda_liste"),
    path("agenda/abonnement/", vues.agenda_abonnement, name="agenda_abonnement"),
    path("agenda/<str:jeton>.ics", vues.agenda_ical, name="agenda_ical"),
    path("sessions/<int:pk>/ics/", vues.session_ics, name="session_ics"),
]
