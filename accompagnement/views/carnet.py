"""Pages of the carnet de bord: the EIG writes their month and reads their history; the coaches follow."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from rules.contrib.views import permission_required

from programme.dates import de_mois, premier_du_mois
from programme.pagination import page_lue
from programme.selectors import eig_par_pk, promotion_par_defaut
from ressources.selectors import ressources_des_competences

from ..forms.carnet import CarnetForm, ChoixPromotionForm
from ..models import AutoEvaluation
from ..selectors import carnet as selectors
from ..services import carnet as services

# The coaches' lists of a promotion's EIG (carnets, météo) are cut into pages: a national promotion counts 300, and
# a page stays light enough for an EcoIndex A (bench/ecoindex.py).
EIG_PAR_PAGE = 12


def _page_carnet(request, eig, fil_ariane):
    carnets = selectors.carnets_de(eig)
    mois = premier_du_mois()
    return render(request, "accompagnement/carnet/carnet.html", {
        "eig": eig, "soi": eig.pk == request.user.pk, "mois": mois,
        "du_mois": next((c for c in carnets if c.mois == mois), None),
        "carnets": carnets[::-1], "evolution": selectors.evolution_competences(carnets),
        "niveaux": AutoEvaluation.Niveau.choices, "fil_ariane": fil_ariane,
    })


@login_required
@permission_required("accompagnement.tenir_carnet", raise_exception=True)
def carnet(request):
    return _page_carnet(request, request.user, {"courant": "Mon carnet de bord"})


@login_required
def carnet_eig(request, pk):
    eig = eig_par_pk(pk)
    if eig is None or not request.user.has_perm("accompagnement.voir_carnet", eig):
        raise Http404("Ce carnet de bord n'existe pas ou ne vous est pas visible.")
    if eig.pk == request.user.pk:
        fil_ariane = {"courant": "Mon carnet de bord"}
    else:
        fil_ariane = {"liens": [{"url": reverse("carnets_promotion"), "titre": "Carnets de bord"}],
                      "courant": f"Carnet de bord de {eig.nom_complet}"}
    return _page_carnet(request, eig, fil_ariane)


@login_required
@permission_required("accompagnement.tenir_carnet", raise_exception=True)
def carnet_ecrire(request):
    mois = premier_du_mois()
    promotion = selectors.promotion_de_l_eig(request.user)
    phase = promotion.phase_en_cours() if promotion else None
    competences = selectors.competences_de_la_phase(phase)
    existant = selectors.carnet_du_mois(request.user, mois)
    precedent = selectors.carnet_precedent(request.user, mois)
    formulaire = CarnetForm(request.POST or None, competences=competences, avec_revue=precedent is not None,
                            initial=CarnetForm.initial_depuis(existant))
    if request.method == "POST" and formulaire.is_valid():
        services.carnet_enregistrer(request.user, mois=mois, phase=phase, niveaux=formulaire.niveaux(),
                                    **formulaire.textes())
        messages.success(request, f"Votre carnet de bord {de_mois(mois)} est enregistré.")
        return redirect("carnet")
    return render(request, "accompagnement/carnet/ecrire.html", {
        "formulaire": formulaire, "mois": mois, "phase": phase, "existant": existant, "precedent": precedent,
        "ressources_competences": _ressources_des_competences(competences, request.user),
        "fil_ariane": {"liens": [{"url": reverse("carnet"), "titre": "Mon carnet de bord"}],
                       "courant": f"Carnet {de_mois(mois)}"},
    })


def _ressources_des_competences(competences, personne):
    """[(compétence, [ressource…])…] for the compétences of the phase that have resource pages attached."""
    par_competence = ressources_des_competences(competences, personne)
    return [(competence, par_competence[competence.pk]) for competence in competences
            if competence.pk in par_competence]


@login_required
def carnets_promotion(request):
    if not request.user.has_perm("accompagnement.suivre_carnets"):
        raise PermissionDenied("Le suivi des carnets de bord est réservé aux coachs.")
    promotions = selectors.promotions_pour_les_carnets()
    choix = ChoixPromotionForm(request.GET or None, promotions=promotions)
    promotion = choix.promotion_choisie() or promotion_par_defaut(request.user)
    if not request.GET and promotion:
        choix = ChoixPromotionForm(initial={"promotion": promotion.pk}, promotions=promotions)
    mois = premier_du_mois()
    page = (page_lue(request, selectors.eig_de_la_promotion_et_leur_carnet(promotion, mois), EIG_PAR_PAGE)
            if promotion else None)
    return render(request, "accompagnement/carnet/promotion.html", {
        "choix": choix, "promotion": promotion, "mois": mois, "page": page,
        "remplis": selectors.carnets_remplis_du_mois(promotion, mois) if promotion else 0,
        "fil_ariane": {"courant": "Carnets de bord"},
    })
