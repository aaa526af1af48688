from django.urls import path

from . import views

urlpatterns = [
    path("invitations/nouvelle/", views.invitation_nouvelle, name="invitation_nouvelle"),
    path("invitation/<str:jeton>/", views.invitation_accepter, name="invitation_accepter"),
    path("comptes/notifications/", views.preferences_notifications, name="preferences_notifications"),
]
