"""URLs of the accompagnement: heures d'accélération."""

from django.urls import path

from ..views import heures as views

urlpatterns = [
    path("heures/", views.heures, name="heures"),
    path("heures/suivi/", views.suivi, name="heures_suivi"),
    path("heures/<int:pk>/supprimer/", views.heure_supprimer, name="heure_supprimer"),
    path("defis/<str:slug>/heures/", views.heures_defi, name="heures_defi"),
]
