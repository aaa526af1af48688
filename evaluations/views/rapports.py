"""The rapport d'évaluation: written and published by the comité's coaches, read by the team and the sponsor
once published, printed or downloaded as PDF; its history for the coaches."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from programme.reponses import telechargement_prive

from .. import selectors
from ..forms import AtteinteForm, RapportForm
from ..historique import historique_rapport
from ..models import Rapport
from ..pdf import rapport_en_pdf
from ..services import rapports as services
from .commun import comite_visible, exiger, fil_ariane, lien_comite

VOIR = "evaluations.voir_rapport"


def _url_rapport(comite):
    return reverse("rapport", kwargs={"slug": comite.defi.slug, "numero": comite.phase.numero})


def _objectifs(comite):
    support = selectors.support_de(comite)
    return list(support.objectifs.all()) if support else []


@login_required
def rapport(request, slug, numero):
    """The rapport, laid out to be read on screen and printed."""
    comite = comite_visible(request, slug, numero, VOIR)
    rapport = selectors.rapport_de(comite)
    peut_ecrire = request.user.has_perm("evaluations.ecrire_rapport", comite)
    return render(request, "evaluations/rapport.html", {
        "comite": comite, "rapport": rapport,
        "atteintes": sorted(rapport.atteintes.all(), key=lambda a: a.objectif.rang) if rapport else [],
        "peut_ecrire": peut_ecrire,
        "peut_publier": peut_ecrire and rapport is not None and not rapport.est_publie,
        "voit_historique": request.user.has_perm("evaluations.voir_historique_rapport", comite),
        "fil_ariane": fil_ariane(comite, "Rapport d'évaluation", lien_comite(comite)),
    })


@login_required
def rapport_modifier(request, slug, numero):
    """The comité's coaches write the rapport: texts, orientation, and a measure of each objective."""
    comite = comite_visible(request, slug, numero, VOIR)
    exiger(request, "evaluations.ecrire_rapport", comite, "Le rapport s'écrit par les coachs du comité.")
    rapport = selectors.rapport_de(comite)
    donnees = request.POST if request.method == "POST" else None
    formulaire = RapportForm(donnees, instance=rapport or Rapport(comite=comite))
    atteintes = AtteinteForm.pour_rapport(_objectifs(comite), rapport, donnees)
    if donnees is not None:
        valides = [formulaire.is_valid()] + [atteinte.is_valid() for atteinte in atteintes]
        if all(valides):
            try:
                services.rapport_enregistrer(
                    comite, champs={nom: formulaire.cleaned_data[nom] for nom in services.CHAMPS_RAPPORT},
                    atteintes={a.objectif.pk: a.cleaned_data for a in atteintes}, par=request.user,
                )
            except ValidationError as erreur:
                for message in erreur.messages:
                    formulaire.add_error(None, message)
            else:
                messages.success(request, "Rapport enregistré.")
                return redirect(_url_rapport(comite))
    return render(request, "evaluations/rapport_modifier.html", {
        "comite": comite, "rapport": rapport, "formulaire": formulaire, "atteintes": atteintes,
        "invalide": donnees is not None and (
            any(nom != "__all__" for nom in formulaire.errors) or any(f.errors for f in atteintes)
        ),
        "fil_ariane": fil_ariane(comite, "Rédiger", lien_comite(comite),
                                 {"url": _url_rapport(comite), "titre": "Rapport d'évaluation"}),
    })


@login_required
@require_POST
def rapport_publier(request, slug, numero):
    """A coach of the comité publishes the rapport: the team, porteurs and sponsor are notified, once."""
    comite = comite_visible(request, slug, numero, VOIR)
    exiger(request, "evaluations.ecrire_rapport", comite, "Le rapport se publie par les coachs du comité.")
    rapport = selectors.rapport_de(comite)
    if rapport is None:
        raise Http404("Ce comité n'a pas encore de rapport.")
    try:
        services.rapport_publier(rapport, par=request.user)
    except ValidationError as erreur:
        messages.error(request, " ".join(erreur.messages))
    else:
        messages.success(request, "Rapport publié : l'équipe, les porteurs et le sponsor en sont avertis.")
    return redirect(_url_rapport(comite))


@login_required
def rapport_historique(request, slug, numero):
    """Who wrote what in the rapport, for the coaches."""
    comite = comite_visible(request, slug, numero, VOIR)
    exiger(request, "evaluations.voir_historique_rapport", comite, "L'historique d'un rapport est réservé aux coachs.")
    rapport = selectors.rapport_de(comite)
    return render(request, "evaluations/historique.html", {
        "comite": comite, "titre": "Historique du rapport d'évaluation",
        "entrees": historique_rapport(rapport) if rapport else [],
        "fil_ariane": fil_ariane(comite, "Historique", lien_comite(comite),
                                 {"url": _url_rapport(comite), "titre": "Rapport d'évaluation"}),
    })


@login_required
def rapport_pdf(request, slug, numero):
    """The rapport as a PDF file, for whoever may read it."""
    comite = comite_visible(request, slug, numero, VOIR)
    rapport = selectors.rapport_de(comite)
    if rapport is None:
        raise Http404("Ce comité n'a pas encore de rapport.")
    nom = f"rapport-evaluation-{slugify(comite.defi.titre)[:80]}-phase-{comite.phase.numero}.pdf"
    return telechargement_prive(rapport_en_pdf(rapport), nom, "application/pdf")
