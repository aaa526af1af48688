"""Pages of the bureau d'aide: the team asks and follows its requests; the coaches triage the queue."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from rules.contrib.views import permission_required

from programme.conservation import documents_supprimes
from programme.reponses import telechargement_prive

from ..forms.bureau import CloreForm, DemandeAideForm, FiltreFileForm, PriseEnChargeForm, SeancesFormSet
from ..models import DemandeAide
from ..selectors import bureau as selectors
from ..services import bureau as services


def _ariane(courant, *liens):
    return {"liens": [{"url": reverse(nom, args=args), "titre": titre} for nom, titre, *args in liens],
            "courant": courant}


@login_required
def bureau_aide(request):
    if not request.user.has_perm("accompagnement.voir_bureau_aide"):
        raise PermissionDenied("Le bureau d'aide est ouvert aux équipes des défis et aux coachs.")
    return render(request, "accompagnement/bureau/mes_demandes.html", {
        "demandes": selectors.demandes_de_l_equipe(request.user),
        "peut_demander": request.user.has_perm("accompagnement.demander_aide"),
        "fil_ariane": _ariane("Bureau d'aide"),
    })


@login_required
def bureau_aide_demander(request):
    if not request.user.has_perm("accompagnement.demander_aide"):
        raise PermissionDenied("Seuls les EIG et les porteurs d'un défi demandent l'aide du bureau.")
    formulaire = DemandeAideForm(request.POST or None, request.FILES or None,
                                 defis=selectors.defis_pour_demander(request.user))
    if request.method == "POST" and formulaire.is_valid():
        donnees = formulaire.cleaned_data
        try:
            demande = services.demande_aide_creer(
                defi=formulaire.defi_choisi(), demandeur=request.user, nature=donnees["nature"],
                description=donnees["description"], document=donnees["document"],
            )
        except ValidationError as erreur:
            formulaire.add_error(None, erreur)
        else:
            messages.success(request, "Votre demande est envoyée : les coachs en sont avertis.")
            return redirect("bureau_aide_demande", pk=demande.pk)
    return render(request, "accompagnement/bureau/demander.html", {
        "formulaire": formulaire,
        "fil_ariane": _ariane("Demander de l'aide", ("bureau_aide", "Bureau d'aide")),
    })


def _demande_visible(request, pk):
    demande = selectors.demande_detail(pk)
    if demande is None or not request.user.has_perm("accompagnement.voir_demande_aide", demande):
        raise Http404("Cette demande n'existe pas ou ne vous est pas visible.")
    return demande


@login_required
def bureau_aide_demande(request, pk):
    demande = _demande_visible(request, pk)
    return render(request, "accompagnement/bureau/demande.html", {
        "demande": demande, "Statut": DemandeAide.Statut,
        "nom_document": Path(demande.document.name).name if demande.document else "",
        "peut_trier": request.user.has_perm("accompagnement.trier_demandes_aide"),
        "fil_ariane": _ariane(str(demande), ("bureau_aide", "Bureau d'aide")),
    })


@login_required
def bureau_aide_document(request, pk):
    demande = _demande_visible(request, pk)
    if not demande.document:
        raise Http404("Cette demande n'a pas de document.")
    if documents_supprimes(demande.defi.promotion):
        raise Http404("Ce document a été supprimé à la fin de sa durée de conservation.")
    try:
        fichier = demande.document.open("rb")
    except FileNotFoundError as absent:
        raise Http404("Le document est introuvable.") from absent
    nom = Path(demande.document.name).name
    return telechargement_prive(fichier, nom, services.document_mimetype(nom))


@login_required
@permission_required("accompagnement.trier_demandes_aide", raise_exception=True)
def bureau_aide_file(request):
    filtres = FiltreFileForm(request.GET or None)
    page = selectors.file_bureau_aide_page(request.GET.get("page"), **filtres.filtres())
    return render(request, "accompagnement/bureau/file.html", {
        "filtres": filtres, "page_obj": page, "Statut": DemandeAide.Statut,
        "fil_ariane": _ariane("File du bureau d'aide"),
    })


def _triage(request, pk, formulaire, gabarit, action, succes, courant):
    """The shape of each triage step: a coach's form on one request, the service, back to the request (the
    views ask `accompagnement.trier_demandes_aide` first)."""
    demande = selectors.demande_detail(pk)
    if demande is None:
        raise Http404("Cette demande n'existe pas.")
    if request.method == "POST" and formulaire.is_valid():
        try:
            action(demande, formulaire)
        except ValidationError as erreur:
            messages.error(request, " ".join(erreur.messages))
        else:
            messages.success(request, succes)
            return redirect("bureau_aide_demande", pk=demande.pk)
    return render(request, gabarit, {
        "demande": demande, "formulaire": formulaire,
        "fil_ariane": _ariane(courant, ("bureau_aide_file", "File du bureau d'aide"),
                              ("bureau_aide_demande", str(demande), demande.pk)),
    })


@login_required
@permission_required("accompagnement.trier_demandes_aide", raise_exception=True)
def bureau_aide_prendre_en_charge(request, pk):
    formulaire = PriseEnChargeForm(request.POST or None, initial={"coach": request.user.pk})
    return _triage(
        request, pk, formulaire, "accompagnement/bureau/prendre_en_charge.html",
        lambda demande, f: services.demande_aide_prendre_en_charge(demande, coach=f.cleaned_data["coach"]),
        "La demande est prise en charge ; l'équipe en est avertie.", "Prendre en charge",
    )


@login_required
@permission_required("accompagnement.trier_demandes_aide", raise_exception=True)
def bureau_aide_planifier(request, pk):
    formulaire = SeancesFormSet(request.POST or None)
    return _triage(
        request, pk, formulaire, "accompagnement/bureau/planifier.html",
        lambda demande, f: services.demande_aide_planifier(demande, seances=f.seances(), par=request.user),
        "Les séances sont planifiées ; l'équipe y est inscrite et en est avertie.", "Planifier des séances",
    )


@login_required
@permission_required("accompagnement.trier_demandes_aide", raise_exception=True)
def bureau_aide_clore(request, pk):
    formulaire = CloreForm(request.POST or None)
    return _triage(
        request, pk, formulaire, "accompagnement/bureau/clore.html",
        lambda demande, f: services.demande_aide_clore(demande, resultat=f.cleaned_data["resultat"],
                                                       par=request.user),
        "La demande est close ; l'équipe reçoit son résultat.", "Clore la demande",
    )
