"""URLs of the accompagnement: the carnet de bord, for each EIG and for the coaches."""

from django.urls import path

from ..views import carnet as views

urlpatterns = [
    path("carnet-de-bord/", views.carnet, name="carnet"),
    path("carnet-de-bord/ecrire/", views.carnet_ecrire, name="carnet_ecrire"),
    path("carnet-de-bord/<int:pk>/", views.carnet_eig, name="carnet_eig"),
    path("coachs/carnets/", views.carnets_promotion, name="carnets_promotion"),
]
