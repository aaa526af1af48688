from django.urls import path

from . import views

urlpatterns = [
    path("defis/", views.catalogue, name="defis"),
    path("defis/export.csv", views.export_csv, name="defis_export_csv"),
    path("defis/export.json", views.export_json, name="defis_export_json"),
    path("defis/<str:slug>/", views.defi, name="defi"),
    path("donnees-ouvertes/", views.donnees_ouvertes, name="donnees_ouvertes"),
]
