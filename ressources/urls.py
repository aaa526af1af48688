from django.urls import path, re_path

from . import views

urlpatterns = [
    path("ressources/", views.ressources, name="ressources"),
    re_path(r"^ressources/images/(?P<nom>[0-9a-f]{16}\.[a-z]{3,4})$", views.ressource_image, name="ressource_image"),
    path("ressources/<slug:slug>/", views.ressource, name="ressource"),
]
