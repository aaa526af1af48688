"""URLs of the accompagnement: mentorat."""

from django.urls import path

from ..views import mentorat as views

urlpatterns = [
    path("mentorat/", views.accueil, name="mentorat"),
    path("mentorat/reserver/<str:type_mentorat>/", views.reserver, name="mentorat_reserver"),
    path("mentorat/mes-cycles/", views.mes_cycles, name="mentorat_mes_cycles"),
    path("mentorat/mes-mentores/", views.mes_mentores, name="mentorat_mes_mentores"),
    path("mentorat/cycles/", views.cycles, name="mentorat_cycles"),
    path("mentorat/cycles/<int:pk>/", views.cycle, name="mentorat_cycle"),
    path("mentorat/cycles/<int:pk>/annuler/", views.cycle_annuler, name="mentorat_cycle_annuler"),
    path("mentorat/seances/<int:pk>/annuler/", views.seance_annuler, name="mentorat_seance_annuler"),
    path("mentorat/collectif/", views.collectif, name="mentorat_collectif"),
    path("mentorat/collectif/proposer/", views.collectif_proposer, name="mentorat_collectif_proposer"),
    path("mentorat/creneaux/", views.creneaux, name="mentorat_creneaux"),
    path("mentorat/creneaux/<int:pk>/supprimer/", views.creneau_supprimer, name="mentorat_creneau_supprimer"),
]
