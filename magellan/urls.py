from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.accueil, name="accueil"),
    path("espace/", views.espace, name="espace"),
    path("", include("programme.urls")),
    path("", include("defis.urls")),
    path("comptes/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "Magellan — administration du programme EIG"
admin.site.site_title = "Magellan"
admin.site.index_title = "Piloter le programme"
