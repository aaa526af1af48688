"""The défi's evaluations timeline, a comité's page and its planning by a coach."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from accompagnement.services.planificateur import avertissement_jour_non_ouvre
from defis.models import Defi

from .. import selectors
from ..forms import ComiteForm
from ..services import comites as services
from .commun import comite_visible, exiger, fil_ariane, lien_comite


@login_required
def defi_evaluations(request, slug):
    """The team's view: its comités, supports and published rapports across the four phases."""
    defi = Defi.objects.select_related("promotion").filter(slug=slug).first()
    if defi is None or not request.user.has_perm("defis.voir_defi", defi):
        raise Http404("Ce défi n'existe pas ou n'est pas public.")
    if not request.user.has_perm("evaluations.voir_evaluations_defi", defi):
        raise PermissionDenied("Les évaluations d'un défi sont réservées à son équipe, à son sponsor et aux coachs.")
    return render(request, "evaluations/defi.html", {
        "defi": defi,
        "etapes": selectors.evaluations_du_defi(defi),
        "voit_supports": request.user.has_perm("evaluations.voir_support", defi),
        "fil_ariane": {"liens": [{"url": reverse("defis"), "titre": "Les défis"},
                                 {"url": defi.get_absolute_url(), "titre": defi.titre}],
                       "courant": "Évaluations"},
    })


@login_required
def comite(request, slug, numero):
    """A comité: date, video link, coaches, participants, and the way to its support and rapport."""
    comite = comite_visible(request, slug, numero)
    return render(request, "evaluations/comite.html", {
        "comite": comite,
        "statut_support": selectors.statut_support(comite),
        "statut_rapport": selectors.statut_rapport(comite),
        "voit_support": request.user.has_perm("evaluations.voir_support", comite),
        "voit_rapport": request.user.has_perm("evaluations.voir_rapport", comite),
        "peut_modifier": request.user.has_perm("evaluations.modifier_comite", comite),
        "fil_ariane": fil_ariane(comite, f"Comité de la phase {comite.phase.numero}"),
    })


@login_required
def comite_modifier(request, slug, numero):
    """A coach changes a comité's date, length, link, coaches or participants; the agenda follows."""
    comite = comite_visible(request, slug, numero)
    exiger(request, "evaluations.modifier_comite", comite, "Seuls les coachs planifient les comités.")
    formulaire = ComiteForm(request.POST or None, comite=comite)
    formulaire.helper = FormHelper()
    formulaire.helper.add_input(Submit("", "Enregistrer le comité"))
    if request.method == "POST" and formulaire.is_valid():
        donnees = formulaire.cleaned_data
        try:
            services.comite_modifier(comite, **donnees)
        except ValidationError as erreur:
            for message in erreur.messages:
                formulaire.add_error(None, message)
        else:
            messages.success(request, "Comité enregistré : l'agenda des participants et des coachs est à jour.")
            avertissement = avertissement_jour_non_ouvre(comite.debut)
            if avertissement:
                messages.warning(request, avertissement)
            return redirect(comite.get_absolute_url())
    return render(request, "evaluations/comite_modifier.html", {
        "comite": comite, "formulaire": formulaire,
        "fil_ariane": fil_ariane(comite, "Planifier", lien_comite(comite)),
    })
