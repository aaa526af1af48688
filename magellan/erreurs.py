"""The error pages (400, 403, 404, 500 and the CSRF failure), in French and in the DSFR layout.

403 and 404 render with the request's context (the header knows who is logged in). 400 and 500 may come from a
broken request, session or database: they render their template with the service's name and the request alone
(for the CSP nonce and the path), without context processors, so they query nothing.
"""

from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from .context_processors import site


def _sans_contexte(request, gabarit: str) -> str:
    return loader.get_template(gabarit).render({"request": request, **site(request)})


@requires_csrf_token
def requete_invalide(request, exception=None):
    return HttpResponseBadRequest(_sans_contexte(request, "400.html"))


@requires_csrf_token
def acces_refuse(request, exception=None):
    return render(request, "403.html", status=403)


@requires_csrf_token
def page_introuvable(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def erreur_serveur(request):
    return HttpResponseServerError(_sans_contexte(request, "500.html"))


def echec_csrf(request, reason=""):
    """CSRF_FAILURE_VIEW: the form was refused; say why in plain words and how to send it again."""
    return render(request, "403_csrf.html", status=403)
