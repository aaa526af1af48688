"""The resource pages: the list by group with its search, one page, and the images imported with the pages."""

from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from programme.stockage import StockagePrive

from . import selectors
from .forms import RechercheRessourcesForm
from .models import Ressource
from .rendu import contenu_en_html
from .services import DOSSIER_IMAGES

TYPES_IMAGES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
                ".svg": "image/svg+xml", ".webp": "image/webp"}


@require_GET
@permission_required("ressources.voir_ressources")
def ressources(request):
    formulaire = RechercheRessourcesForm(request.GET or None)
    recherche = formulaire.cleaned_data["q"].strip() if formulaire.is_valid() else ""
    return render(request, "ressources/liste.html", {
        "formulaire": formulaire,
        "recherche": recherche,
        "resultats": selectors.ressources_recherchees(request.user, recherche) if recherche else None,
        "groupes": selectors.ressources_par_groupe(request.user),
        "fil_ariane": {"courant": "Ressources"},
    })


@require_GET
def ressource(request, slug):
    page = get_object_or_404(Ressource, slug=slug)
    if not request.user.has_perm("ressources.voir_ressource", page):
        return redirect_to_login(request.get_full_path())
    return render(request, "ressources/page.html", {
        "ressource": page,
        "contenu": contenu_en_html(page.contenu),
        "utilisations": selectors.utilisations_de(page),
        "fil_ariane": {"liens": [{"url": reverse("ressources"), "titre": "Ressources"}], "courant": page.titre},
    })


@require_GET
@permission_required("ressources.voir_ressources")
def ressource_image(request, nom):
    extension = "." + nom.rsplit(".", 1)[-1].lower() if "." in nom else ""
    stockage = StockagePrive()
    chemin = f"{DOSSIER_IMAGES}/{nom}"
    if (extension not in TYPES_IMAGES or not selectors.image_lisible(nom, request.user)
            or not stockage.exists(chemin)):
        raise Http404("Cette image n'existe pas ou ne vous est pas ouverte.")
    reponse = FileResponse(stockage.open(chemin, "rb"), content_type=TYPES_IMAGES[extension])
    # An SVG opened by itself must not run anything.
    reponse["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    reponse["X-Content-Type-Options"] = "nosniff"
    return reponse
