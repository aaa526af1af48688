"""The coaches' board of a promotion and a phase, and the creation of the phase's comités."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from programme.models import Phase, Promotion
from programme.pagination import page_lue
from programme.selectors import promotion_par_defaut

from .. import selectors
from ..forms import FiltreTableauForm
from ..selectors import StatutRapport, StatutSupport
from ..services import comites as services

# The défis of a page of the board: ten rows keep it light (EcoIndex A, bench/ecoindex.py); filters narrow it.
LIGNES_PAR_PAGE = 10


@login_required
@permission_required("evaluations.voir_tableau", raise_exception=True)
def tableau(request):
    """Every défi of a promotion for a phase: its comité's date, its support's and its rapport's status."""
    formulaire = FiltreTableauForm(request.GET or None)
    filtres = formulaire.cleaned_data if formulaire.is_bound and formulaire.is_valid() else {}
    promotion = filtres.get("promotion") or promotion_par_defaut(request.user)
    contexte = {"formulaire": formulaire, "promotion": promotion, "lignes": [],
                "fil_ariane": {"courant": "Tableau des évaluations"}}
    if promotion is not None:
        prefetch_related_objects([promotion], "phases")
        en_cours = promotion.phase_en_cours()
        # Before the first phase, after the last or between two, the board opens on phase 1.
        numero = filtres.get("phase") or (en_cours.numero if en_cours else 1)
        lignes = selectors.tableau_comites(
            promotion, numero, statut_support_filtre=filtres.get("support", ""),
            statut_rapport_filtre=filtres.get("rapport", ""), recherche=filtres.get("recherche", ""),
        )
        formulaire.initial.update({"promotion": promotion.pk, "phase": numero})
        page = page_lue(request, lignes, LIGNES_PAR_PAGE)
        contexte.update({
            "numero": numero, "phase": next((p for p in promotion.phases.all() if p.numero == numero), None),
            "lignes": page, "page_obj": page,
            "sans_comite": sum(1 for ligne in lignes if ligne.comite is None),
            "libelles_support": dict(StatutSupport.CHOIX), "libelles_rapport": dict(StatutRapport.CHOIX),
        })
    return render(request, "evaluations/tableau.html", contexte)


@login_required
@require_POST
@permission_required("evaluations.creer_comites", raise_exception=True)
def comites_creer(request):
    """A coach creates the missing comités of a promotion's défis for a phase (again: nothing is duplicated)."""
    try:
        promotion_pk, numero = int(request.POST.get("promotion", "")), int(request.POST.get("phase", ""))
    except ValueError:
        raise Http404("Promotion ou phase inconnue.") from None
    promotion = get_object_or_404(Promotion, pk=promotion_pk)
    phase = get_object_or_404(Phase, promotion=promotion, numero=numero)
    try:
        crees = services.comites_creer_pour(promotion, phase, coachs=[request.user])
    except ValidationError as erreur:
        messages.error(request, " ".join(erreur.messages))
    else:
        if crees:
            messages.success(request, f"{len(crees)} comité(s) créé(s) pour la phase {phase.numero}, dont vous êtes "
                                      "coach : ils apparaissent dans l'agenda des équipes.")
        else:
            messages.info(request, "Chaque défi a déjà son comité pour cette phase.")
    filtres = urlencode({"promotion": promotion.pk, "phase": phase.numero})
    return redirect(f"{reverse('evaluations_tableau')}?{filtres}")
