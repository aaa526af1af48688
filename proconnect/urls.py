from django.urls import path

from . import views

urlpatterns = [
    path("comptes/proconnect/connexion/", views.connexion, name="proconnect_connexion"),
    path("comptes/proconnect/retour/", views.retour, name="proconnect_retour"),
    path("comptes/proconnect/deconnexion/", views.deconnexion_retour, name="proconnect_deconnexion_retour"),
]
