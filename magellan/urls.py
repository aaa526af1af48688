from allauth.account import views as comptes
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from proconnect import views as proconnect

from . import (
    admin_journal,
    annuaire,
    exports,
    indicateurs,
    tableau_de_bord,
    views,
    views_arrivee,
    views_donnees,
    views_effacement,
)

urlpatterns = [
    path("", views.accueil, name="accueil"),
    path("espace/", views.espace, name="espace"),
    path("espace/mes-donnees/", views_donnees.mes_donnees, name="mes_donnees"),
    path("espace/annuaire/", annuaire.profil_annuaire, name="annuaire_profil"),
    path("annuaire/", annuaire.annuaire, name="annuaire"),
    path("annuaire/photos/<int:pk>/", annuaire.photo, name="annuaire_photo"),
    path("bienvenue/", views_arrivee.bienvenue, name="bienvenue"),
    path("charte/", views_arrivee.charte, name="charte"),
    path("accessibilite/", views.accessibilite, name="accessibilite"),
    path("mentions-legales/", views.mentions_legales, name="mentions_legales"),
    path("indicateurs/", indicateurs.indicateurs, name="indicateurs"),
    path("coachs/exports/<slug:nom>.<slug:format>", exports.export_coachs, name="export_coachs"),
    path("coachs/tableau-de-bord/", tableau_de_bord.tableau_de_bord, name="tableau_de_bord"),
    path("coachs/tableau-de-bord/<slug:volet>/", tableau_de_bord.tableau_de_bord_volet, name="tableau_de_bord_volet"),
    path("coachs/personnes/<int:pk>/effacer/", views_effacement.personne_effacer_confirmer, name="personne_effacer"),
    path("", include("programme.urls")),
    path("", include("ressources.urls")),
    path("", include("defis.urls")),
    path("", include("accompagnement.urls")),
    path("", include("evaluations.urls")),
    path("", include("proconnect.urls")),
    # No passwords in Magellan: every login goes through a code sent by e-mail, and nobody adds or changes an
    # address by themselves (coaches do, in the admin). Only these pages of allauth exist; allauth reverses
    # the login, inactive account and (closed) signup pages itself.
    path("comptes/login/", RedirectView.as_view(pattern_name="account_request_login_code", query_string=True),
         name="account_login"),
    path("comptes/login/code/", comptes.request_login_code, name="account_request_login_code"),
    path("comptes/login/code/confirm/", comptes.confirm_login_code, name="account_confirm_login_code"),
    # allauth's logout, which also ends the ProConnect session of a person who logged in with ProConnect.
    path("comptes/logout/", proconnect.deconnexion, name="account_logout"),
    path("comptes/inactive/", comptes.account_inactive, name="account_inactive"),
    path("comptes/signup/", comptes.signup, name="account_signup"),
    path("admin/journal/", admin.site.admin_view(admin_journal.journal), name="journal_modifications"),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "Magellan — administration du programme EIG"
admin.site.site_title = "Magellan"
admin.site.index_title = "Piloter le programme"

handler400 = "magellan.erreurs.requete_invalide"
handler403 = "magellan.erreurs.acces_refuse"
handler404 = "magellan.erreurs.page_introuvable"
handler500 = "magellan.erreurs.erreur_serveur"
