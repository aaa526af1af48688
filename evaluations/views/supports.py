"""The support of a comité: read it, write it as a team, submit it (porteurs), reopen it (coaches), its files
and its history. Only the team and the coaches reach any of it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from programme.conservation import documents_supprimes
from programme.reponses import telechargement_prive

from .. import selectors
from ..forms import ObjectifForm, SupportForm
from ..historique import historique_support
from ..models import Support
from ..models.supports import OBJECTIFS_MAX
from ..services import supports as services
from .commun import comite_visible, exiger, fil_ariane, lien_comite

VOIR = "evaluations.voir_support"


def _url_support(comite):
    return reverse("support", kwargs={"slug": comite.defi.slug, "numero": comite.phase.numero})


def _lien_support(comite):
    return {"url": _url_support(comite), "titre": "Support"}


@login_required
def support(request, slug, numero):
    """The support as the coaches will read it, with what the visitor may do next."""
    comite = comite_visible(request, slug, numero, VOIR)
    support = selectors.support_de(comite)
    brouillon = support is None or not support.est_soumis
    return render(request, "evaluations/support.html", {
        "comite": comite, "support": support, "objectifs_max": OBJECTIFS_MAX,
        "statut_support": selectors.statut_support(comite),
        "peut_ecrire": brouillon and request.user.has_perm("evaluations.ecrire_support", comite),
        "peut_soumettre": support is not None and brouillon
        and request.user.has_perm("evaluations.soumettre_support", comite),
        "peut_rouvrir": not brouillon and request.user.has_perm("evaluations.rouvrir_support", comite),
        "fil_ariane": fil_ariane(comite, "Support", lien_comite(comite)),
    })


@login_required
def support_modifier(request, slug, numero):
    """The team writes the draft together: texts, up to four objectives, files. A refused file leaves
    everything else as typed, with a message saying why."""
    comite = comite_visible(request, slug, numero, VOIR)
    exiger(request, "evaluations.ecrire_support", comite, "Le support s'écrit par l'équipe du défi.")
    support = selectors.support_de(comite)
    if support is not None and support.est_soumis:
        messages.info(request, "Ce support est soumis : un coach peut le rouvrir s'il faut le modifier.")
        return redirect(_url_support(comite))
    donnees = request.POST if request.method == "POST" else None
    formulaire = SupportForm(donnees, request.FILES or None, instance=support or Support(comite=comite))
    objectifs = ObjectifForm.pour_support(support, donnees)
    if donnees is not None:
        valides = [formulaire.is_valid()] + [objectif.is_valid() for objectif in objectifs]
        if all(valides):
            try:
                services.support_enregistrer(
                    comite,
                    champs={nom: formulaire.cleaned_data[nom] for nom in services.CHAMPS_SUPPORT},
                    objectifs=[objectif.cleaned_data for objectif in objectifs],
                    fichiers=formulaire.cleaned_data["fichiers"], par=request.user,
                )
            except ValidationError as erreur:
                for message in erreur.messages:
                    formulaire.add_error(None, message)
            else:
                messages.success(request, "Brouillon du support enregistré.")
                return redirect(_url_support(comite))
    return render(request, "evaluations/support_modifier.html", {
        "comite": comite, "support": support, "formulaire": formulaire, "objectifs": objectifs,
        "invalide": donnees is not None and (
            any(nom != "__all__" for nom in formulaire.errors) or any(f.errors for f in objectifs)
        ),
        "fil_ariane": fil_ariane(comite, "Modifier", lien_comite(comite), _lien_support(comite)),
    })


@login_required
@require_POST
def support_soumettre(request, slug, numero):
    """A porteur submits the support; after the deadline it is accepted and flagged late."""
    comite = comite_visible(request, slug, numero, VOIR)
    exiger(request, "evaluations.soumettre_support", comite, "Seuls les porteurs et porteuses soumettent le support.")
    support = selectors.support_de(comite)
    if support is None:
        messages.error(request, "Le support est encore vide : rédigez-le avant de le soumettre.")
        return redirect(_url_support(comite))
    try:
        support = services.support_soumettre(support, par=request.user)
    except ValidationError as erreur:
        messages.error(request, " ".join(erreur.messages))
    else:
        if support.en_retard:
            messages.warning(request, "Support soumis après l'échéance : il est transmis aux coachs, marqué "
                                      "« en retard ».")
        else:
            messages.success(request, "Support soumis : les coachs le liront avant le comité.")
    return redirect(_url_support(comite))


@login_required
@require_POST
def support_rouvrir(request, slug, numero):
    """A coach reopens a submitted support, so the team can complete it."""
    comite = comite_visible(request, slug, numero, VOIR)
    exiger(request, "evaluations.rouvrir_support", comite, "Seuls les coachs rouvrent un support soumis.")
    support = selectors.support_de(comite)
    if support is None:
        raise Http404("Ce comité n'a pas encore de support.")
    try:
        services.support_rouvrir(support, par=request.user)
    except ValidationError as erreur:
        messages.error(request, " ".join(erreur.messages))
    else:
        messages.success(request, "Support rouvert : l'équipe peut de nouveau le modifier et le soumettre.")
    return redirect(_url_support(comite))


@login_required
def support_historique(request, slug, numero):
    """Who changed what in the support and its objectives."""
    comite = comite_visible(request, slug, numero, VOIR)
    support = selectors.support_de(comite)
    return render(request, "evaluations/historique.html", {
        "comite": comite, "titre": "Historique du support",
        "entrees": historique_support(support) if support else [],
        "fil_ariane": fil_ariane(comite, "Historique", lien_comite(comite), _lien_support(comite)),
    })


@login_required
def piece_jointe(request, slug, numero, pk):
    """A support's file, downloaded (never displayed inline), only by the team and the coaches."""
    comite = comite_visible(request, slug, numero, VOIR)
    piece = selectors.piece_jointe_de(comite, pk)
    if piece is None:
        raise Http404("Ce fichier n'existe pas.")
    if documents_supprimes(comite.defi.promotion):
        raise Http404("Ce fichier a été supprimé à la fin de sa durée de conservation.")
    try:
        fichier = piece.fichier.open("rb")
    except FileNotFoundError:
        raise Http404("Ce fichier est introuvable.") from None
    return telechargement_prive(fichier, piece.nom, piece.mime)


@login_required
@require_POST
def piece_jointe_supprimer(request, slug, numero, pk):
    """The team removes a file from its draft support."""
    comite = comite_visible(request, slug, numero, VOIR)
    exiger(request, "evaluations.ecrire_support", comite, "Le support s'écrit par l'équipe du défi.")
    piece = selectors.piece_jointe_de(comite, pk)
    if piece is None:
        raise Http404("Ce fichier n'existe pas.")
    try:
        services.piece_jointe_supprimer(piece, par=request.user)
    except ValidationError as erreur:
        messages.error(request, " ".join(erreur.messages))
    else:
        messages.success(request, f"Fichier « {piece.nom} » retiré du support.")
    return redirect(_url_support(comite))
