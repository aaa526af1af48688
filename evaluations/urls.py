"""Addresses of the evaluations: under a défi for its comités, supports and rapports; the coaches' board."""

from django.urls import path

from .views import comites, rapports, supports, tableau

COMITE = "defis/<str:slug>/evaluations/phase-<int:numero>/"

urlpatterns = [
    path("evaluations/", tableau.tableau, name="evaluations_tableau"),
    path("evaluations/comites/creer/", tableau.comites_creer, name="evaluations_comites_creer"),
    path("defis/<str:slug>/evaluations/", comites.defi_evaluations, name="defi_evaluations"),
    path(COMITE, comites.comite, name="comite"),
    path(COMITE + "planifier/", comites.comite_modifier, name="comite_modifier"),
    path(COMITE + "support/", supports.support, name="support"),
    path(COMITE + "support/modifier/", supports.support_modifier, name="support_modifier"),
    path(COMITE + "support/soumettre/", supports.support_soumettre, name="support_soumettre"),
    path(COMITE + "support/rouvrir/", supports.support_rouvrir, name="support_rouvrir"),
    path(COMITE + "support/historique/", supports.support_historique, name="support_historique"),
    path(COMITE + "support/fichiers/<int:pk>/", supports.piece_jointe, name="piece_jointe"),
    path(COMITE + "support/fichiers/<int:pk>/retirer/", supports.piece_jointe_supprimer,
         name="piece_jointe_supprimer"),
    path(COMITE + "rapport/", rapports.rapport, name="rapport"),
    path(COMITE + "rapport/rediger/", rapports.rapport_modifier, name="rapport_modifier"),
    path(COMITE + "rapport/publier/", rapports.rapport_publier, name="rapport_publier"),
    path(COMITE + "rapport/historique/", rapports.rapport_historique, name="rapport_historique"),
    path(COMITE + "rapport/pdf/", rapports.rapport_pdf, name="rapport_pdf"),
]
