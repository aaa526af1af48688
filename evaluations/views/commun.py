"""What every evaluations page does first: find the comité the visitor may see, or answer 404 / 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from .. import selectors


def comite_visible(request, slug, numero, permission="evaluations.voir_comite"):
    """The comité if the visitor may see what the page shows (`permission`); otherwise 404, as if it did not
    exist, so that a guessed address tells nothing."""
    comite = selectors.comite_de(slug, numero)
    if comite is None or not request.user.has_perm(permission, comite):
        raise Http404("Cette page n'existe pas ou ne vous est pas accessible.")
    return comite


def exiger(request, permission, objet, message):
    """403 when the page exists for the visitor but the action is not theirs."""
    if not request.user.has_perm(permission, objet):
        raise PermissionDenied(message)


def fil_ariane(comite, courant, *liens):
    """Accueil › Les défis › the défi › Évaluations › phase n › … (the défi's evaluations page leads back)."""
    defi = comite.defi
    base = [
        {"url": reverse("defis"), "titre": "Les défis"},
        {"url": defi.get_absolute_url(), "titre": defi.titre},
        {"url": reverse("defi_evaluations", kwargs={"slug": defi.slug}), "titre": "Évaluations"},
    ]
    return {"liens": base + list(liens), "courant": courant}


def lien_comite(comite):
    return {"url": comite.get_absolute_url(), "titre": f"Comité de la phase {comite.phase.numero}"}
