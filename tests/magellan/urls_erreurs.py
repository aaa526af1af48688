"""Magellan's URLs plus one view raising each error, for tests/magellan/test_erreurs.py."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404
from django.urls import path

from magellan.urls import handler400, handler403, handler404, handler500
from magellan.urls import urlpatterns as urls_magellan


def _lever(exception):
    def vue(request):
        raise exception

    return vue


def _panne(request):
    raise RuntimeError("panne simulée")


urlpatterns = [
    path("erreur/400/", _lever(BadRequest("demande simulée"))),
    path("erreur/403/", _lever(PermissionDenied())),
    path("erreur/404/", _lever(Http404())),
    path("erreur/500/", _panne),
    *urls_magellan,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
