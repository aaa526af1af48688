from django.urls import include, path

urlpatterns = [
    path("", include("accompagnement.routes.sessions")),
    path("", include("accompagnement.routes.agenda")),
    path("", include("accompagnement.routes.mentorat")),
    path("", include("accompagnement.routes.heures")),
    path("", include("accompagnement.routes.bureau")),
    path("", include("accompagnement.routes.carnet")),
    path("", include("accompagnement.routes.meteo")),
    path("", include("accompagnement.routes.groupes")),
]
