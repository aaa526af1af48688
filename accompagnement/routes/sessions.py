"""URLs of the accompagnement: the public catalogue, sessions for the invited people, the coaches' pages."""

from django.urls import path

from ..views import sessions as vues

urlpatterns = [
    path("programme/accompagnement/", vues.catalogue_dispositifs, name="catalogue_dispositifs"),
    path("programme/accompagnement/<slug:slug>/", vues.dispositif, name="dispositif"),
    path("sessions/a-venir/", vues.sessions_a_venir, name="sessions_a_venir"),
    path("sessions/<int:pk>/", vues.session, name="session"),
    path("sessions/<int:pk>/reponse/", vues.session_repondre, name="session_repondre"),
    path("coachs/sessions/", vues.coach_sessions, name="coach_sessions"),
    path("coachs/sessions/promotion/<int:promotion_pk>/nouvelle/", vues.session_creer, name="session_creer"),
    path("coachs/sessions/promotion/<int:promotion_pk>/planifier/", vues.calendrier_planifier,
         name="calendrier_planifier"),
    path("coachs/sessions/promotion/<int:promotion_pk>/calendrier/", vues.calendrier_planifie,
         name="calendrier_planifie"),
    path("coachs/sessions/promotion/<int:promotion_pk>/publier/", vues.calendrier_publier,
         name="calendrier_publier"),
    path("coachs/sessions/<int:pk>/modifier/", vues.session_modifier, name="session_modifier"),
    path("coachs/sessions/<int:pk>/annuler/", vues.session_annuler, name="session_annuler"),
    path("coachs/sessions/<int:pk>/supprimer/", vues.session_supprimer, name="session_supprimer"),
    path("coachs/sessions/<int:pk>/publier/", vues.session_publier, name="session_publier"),
    path("coachs/sessions/<int:pk>/emargement/", vues.session_emargement, name="session_emargement"),
]
