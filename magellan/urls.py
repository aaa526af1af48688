from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.views.generic import RedirectView

from . import views

urlpatterns = [
    path("", views.accueil, name="accueil"),
    path("espace/", views.espace, name="espace"),
    path("accessibilite/", views.accessibilite, name="accessibilite"),
    path("mentions-legales/", views.mentions_legales, name="mentions_legales"),
    path("", include("programme.urls")),
    path("", include("defis.urls")),
    path("", include("accompagnement.urls")),
    path("", include("evaluations.urls")),
    # No passwords in Magellan: every login goes through a code sent by e-mail.
    path("comptes/login/", RedirectView.as_view(pattern_name="account_request_login_code", query_string=True)),
    path("comptes/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

admin.site.login = login_required(admin.site.login)
admin.site.site_header = "Magellan — administration du programme EIG"
admin.site.site_title = "Magellan"
admin.site.index_title = "Piloter le programme"
