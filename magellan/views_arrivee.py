"""The welcome page (`/bienvenue/`, the coaches' welcome to a new laureate: opening it ticks the step « read the
welcome » of the arrival path) and the community's charter (`/charte/`: read it, acknowledge it)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe
from rules.contrib.views import permission_required

from programme.selectors import promotion_par_defaut
from ressources.models import Ressource
from ressources.rendu import contenu_en_html
from ressources.services import SLUG_ACCUEIL

from .charte import charte_en_html
from .models import JalonArrivee
from .selectors_arrivee import charte_en_vigueur, prise_de_connaissance_de
from .services_arrivee import charte_prendre_connaissance, jalon_noter, promotions_a_engager


@login_required
@permission_required("magellan.lire_bienvenue", raise_exception=True)
@require_safe
def bienvenue(request):
    jalon_noter(request.user, JalonArrivee.Quoi.ACCUEIL)
    # The coaches' own welcome page, once imported into the resources (and as they edit it), is the one read here;
    # the text of the template stands in on an installation without it.
    accueil = Ressource.objects.filter(slug=SLUG_ACCUEIL).first()
    return render(request, "magellan/bienvenue.html", {
        "accueil": accueil, "accueil_html": contenu_en_html(accueil.contenu) if accueil else "",
        "fil_ariane": {"courant": "Bienvenue"},
    })


@login_required
@permission_required("magellan.lire_charte", raise_exception=True)
@require_http_methods(["GET", "HEAD", "POST"])
def charte(request):
    version = charte_en_vigueur()
    if request.method == "POST":
        if not request.user.has_perm("magellan.prendre_connaissance_charte"):
            raise PermissionDenied
        if version is None:
            messages.error(request, "La charte n'est pas encore publiée : il n'y a rien à lire pour l'instant.")
        else:
            charte_prendre_connaissance(request.user, version)
            messages.success(request, f"Vous avez pris connaissance de la version {version.numero} de la charte. "
                                      "Merci !")
        return redirect("charte")
    promotions = promotions_a_engager(request.user, timezone.localdate())
    promotion = promotion_par_defaut(request.user) if promotions else None
    if promotion is not None and promotion not in promotions:
        promotion = promotions[0]
    return render(request, "magellan/charte.html", {
        "version": version, "texte": charte_en_html(version.texte) if version else "",
        "promotion": promotion,
        "prise": prise_de_connaissance_de(request.user, version, promotion),
        "fil_ariane": {"courant": "Charte de la communauté"},
    })
