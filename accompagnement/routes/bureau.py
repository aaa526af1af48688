"""URLs of the accompagnement: the bureau d'aide, for the teams and for the coaches' triage."""

from django.urls import path

from ..views import bureau as views

urlpatterns = [
    path("bureau-aide/", views.bureau_aide, name="bureau_aide"),
    path("bureau-aide/demander/", views.bureau_aide_demander, name="bureau_aide_demander"),
    path("bureau-aide/<int:pk>/", views.bureau_aide_demande, name="bureau_aide_demande"),
    path("bureau-aide/<int:pk>/document/", views.bureau_aide_document, name="bureau_aide_document"),
    path("coachs/bureau-aide/", views.bureau_aide_file, name="bureau_aide_file"),
    path("coachs/bureau-aide/<int:pk>/prendre-en-charge/", views.bureau_aide_prendre_en_charge,
         name="bureau_aide_prendre_en_charge"),
    path("coachs/bureau-aide/<int:pk>/planifier/", views.bureau_aide_planifier, name="bureau_aide_planifier"),
    path("coachs/bureau-aide/<int:pk>/clore/", views.bureau_aide_clore, name="bureau_aide_clore"),
]
