"""URLs of the météo entrepreneuriale: the personal link, the EIG's pages, the coaches' pages."""

from django.urls import path

from ..views import meteo as views

urlpatterns = [
    path("meteo/", views.meteo, name="meteo"),
    path("meteo/promotion/", views.meteo_promotion, name="meteo_promotion"),
    path("meteo/reponse/<int:pk>/", views.meteo_repondre, name="meteo_repondre"),
    path("meteo/lien/<str:jeton>/", views.meteo_repondre_lien, name="meteo_repondre_lien"),
    path("coachs/meteo/", views.meteo_coachs, name="meteo_coachs"),
    path("coachs/meteo/eig/<int:pk>/", views.meteo_eig, name="meteo_eig"),
    path("coachs/meteo/alertes/<int:pk>/traiter/", views.meteo_alerte_traiter, name="meteo_alerte_traiter"),
]
