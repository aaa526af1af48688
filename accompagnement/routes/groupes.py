"""URLs of the groupes de partage: an EIG's groups, the coaches' preview and its actions."""

from django.urls import path

from ..views import groupes as views

urlpatterns = [
    path("groupes/", views.mes_groupes, name="mes_groupes"),
    path("groupes/<int:pk>/sujet-suivant/", views.groupe_sujet_suivant, name="groupe_sujet_suivant"),
    path("coachs/groupes/", views.groupes_apercu, name="groupes_apercu"),
    path("coachs/groupes/composer/", views.groupes_composer, name="groupes_composer"),
    path("coachs/groupes/deplacer/", views.groupes_deplacer, name="groupes_deplacer"),
    path("coachs/groupes/publier/", views.groupes_publier, name="groupes_publier"),
]
