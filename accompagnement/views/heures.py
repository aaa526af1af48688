"""Pages of the accompagnement: heures d'accélération — a parrain's month, a défi's hours, the coaches' tables."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from programme.dates import FORMAT_MOIS, mois_en_clair, mois_lu, mois_precedent, mois_suivant, premier_du_mois
from programme.selectors import promotion_par_defaut

from ..forms.heures import HeureForm, SuiviHeuresForm
from ..selectors import heures as selectors
from ..services import heures as services


def _url_du_mois(jour: datetime.date) -> str:
    """The parrain's page on the month of `jour`."""
    return f"{reverse('heures')}?mois={premier_du_mois(jour):{FORMAT_MOIS}}"


@login_required
def heures(request):
    if not request.user.has_perm("accompagnement.saisir_heures"):
        raise PermissionDenied("Les heures d'accélération se consignent par les parrains et marraines.")
    formulaire = HeureForm(request.POST or None, parrain=request.user, initial={"date": timezone.localdate()})
    if request.method == "POST" and formulaire.is_valid():
        donnees = formulaire.cleaned_data
        try:
            heure = services.heure_saisir(request.user, donnees["defi"], donnees["date"], donnees["duree_minutes"],
                                          donnees["sujet"])
        except ValidationError as erreur:
            formulaire.add_error(None, erreur)
        else:
            messages.success(request, f"Saisie enregistrée : {selectors.duree_en_clair(heure.duree_minutes)} "
                                      f"pour « {heure.defi.titre} » le {heure.date:%d/%m/%Y}.")
            return redirect(_url_du_mois(heure.date))
    # An absent, malformed or out-of-bounds month shows this month.
    premier, courant = mois_lu(request.GET.get("mois")) or premier_du_mois(), premier_du_mois()
    return render(request, "accompagnement/heures/heures.html", {
        "formulaire": formulaire, "mois": premier, "est_ce_mois": premier == courant,
        "compteurs": selectors.compteurs_du_parrain(request.user, premier),
        "saisies": selectors.saisies_du_mois(request.user, premier),
        "url_precedent": _url_du_mois(mois_precedent(premier)),
        "url_suivant": _url_du_mois(mois_suivant(premier)) if premier < courant else None,
        "fil_ariane": {"courant": "Mes heures d'accélération"},
    })


@login_required
@require_POST
def heure_supprimer(request, pk):
    heure = selectors.heure(pk)
    if heure is None or not request.user.has_perm("accompagnement.supprimer_heure", heure):
        raise Http404("Cette saisie n'existe pas ou n'est pas la vôtre.")
    services.heure_supprimer(heure, par=request.user)
    messages.success(request, f"La saisie du {heure.date:%d/%m/%Y} ({selectors.duree_en_clair(heure.duree_minutes)}) "
                              "est supprimée.")
    if not request.user.has_perm("accompagnement.saisir_heures"):
        return redirect("heures_suivi")
    return redirect(_url_du_mois(heure.date))


@login_required
def heures_defi(request, slug):
    defi = selectors.defi_par_slug(slug)
    if defi is None or not request.user.has_perm("accompagnement.voir_heures_defi", defi):
        raise Http404("Ce défi n'existe pas ou n'est pas le vôtre.")
    return render(request, "accompagnement/heures/defi.html", {
        "defi": defi, **selectors.heures_recues(defi),
        "fil_ariane": {"liens": [{"url": reverse("defis"), "titre": "Les défis"}]
                       + ([{"url": defi.get_absolute_url(), "titre": defi.titre}] if defi.visible else []),
                       "courant": "Heures d'accélération reçues"},
    })


@login_required
def suivi(request):
    if not request.user.has_perm("accompagnement.suivre_heures"):
        raise PermissionDenied("Seuls les coachs suivent la consommation des heures d'accélération.")
    premier = premier_du_mois()
    if request.GET:
        formulaire = SuiviHeuresForm(request.GET)
        formulaire.is_valid()
        promotion = formulaire.cleaned_data.get("promotion")
        premier = formulaire.cleaned_data.get("mois") or premier
    else:
        promotion = promotion_par_defaut(request.user)
        formulaire = SuiviHeuresForm(initial={"promotion": promotion, "mois": premier})
    return render(request, "accompagnement/heures/suivi.html", {
        "formulaire": formulaire, "promotion": promotion, "mois": mois_en_clair(premier),
        "par_parrain": selectors.consommation_par_parrain(premier, promotion),
        "par_defi": selectors.consommation_par_defi(premier, promotion),
        "par_mois": selectors.consommation_par_mois(promotion) if promotion else [],
        "fil_ariane": {"courant": "Suivi des heures d'accélération"},
    })
