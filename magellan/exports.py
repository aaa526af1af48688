"""The coaches' exports, in one list: each app's resource (its `exports.py`) under the name of its address.

`/coachs/exports/<nom>.<csv|xlsx>?promotion=<pk>` (URL name `export_coachs`, kwargs `nom` and `format`) downloads
the records of a promotion in one click (the promotion shown by default when none is given); the admin's export
button of the same models uses the same resources (magellan/admin.py)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse

from accompagnement.exports import (
    CarnetDeBordResource,
    HeureAccelerationResource,
    ParticipationMeteoResource,
    SessionResource,
)
from defis.exports import DefiResource
from evaluations.exports import ComiteResource
from programme.exports import FORMATS, RoleResource
from programme.models import Promotion
from programme.selectors import promotion_par_defaut

# The title of each export where the coaches download it (the dashboard), in the order they are offered.
TITRES = {
    "personnes": "Personnes et rôles",
    "defis": "Défis et équipes",
    "sessions": "Sessions, inscriptions et présences",
    "heures": "Heures d'accélération",
    "carnets": "Carnets de bord remplis",
    "comites": "Comités, supports et rapports",
    "meteo": "Participation à la météo (jamais les réponses)",
}

EXPORTS = {
    "personnes": RoleResource,
    "defis": DefiResource,
    "sessions": SessionResource,
    "heures": HeureAccelerationResource,
    "carnets": CarnetDeBordResource,
    "comites": ComiteResource,
    "meteo": ParticipationMeteoResource,
}


def export_promotion(nom: str, format: str, promotion: Promotion) -> bytes:
    """The file of export `nom` for `promotion`: CSV with a byte order mark (so that spreadsheet software reads
    the accents right), or XLSX."""
    ressource = EXPORTS[nom]()
    donnees = ressource.export(queryset=ressource.pour_promotion(promotion), force_native_type=format == "xlsx")
    contenu = FORMATS[format]().export_data(donnees)
    return contenu if isinstance(contenu, bytes) else ("\ufeff" + contenu).encode()


def _promotion_lue(request) -> Promotion:
    valeur = request.GET.get("promotion", "")
    if not valeur:
        promotion = promotion_par_defaut(request.user)
    else:
        promotion = Promotion.objects.filter(pk=int(valeur)).first() if valeur.isdigit() and len(valeur) < 10 else None
    if promotion is None:
        raise Http404("Aucune promotion à exporter.")
    return promotion


@login_required
def export_coachs(request, nom, format):
    if not request.user.has_perm("programme.administrer"):
        raise PermissionDenied("Les exports sont réservés aux coachs.")
    if nom not in EXPORTS or format not in FORMATS:
        raise Http404("Cet export n'existe pas.")
    promotion = _promotion_lue(request)
    reponse = HttpResponse(export_promotion(nom, format, promotion), content_type=FORMATS[format].CONTENT_TYPE
                           + ("; charset=utf-8" if format == "csv" else ""))
    fichier = f"{nom}-promotion-{promotion.numero or promotion.pk}.{format}"
    reponse["Content-Disposition"] = f'attachment; filename="{fichier}"'
    return reponse
