"""The coaches' dashboard of a promotion (`/coachs/tableau-de-bord/?promotion=`): one light page that says where the
promotion is and whom to talk to this week, read from each app by `magellan.selectors_tableau`; its longer lists and
the data tables behind its charts each have their page (`/coachs/tableau-de-bord/<volet>/?promotion=`)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from rules.contrib.views import permission_required

from accompagnement.forms.carnet import ChoixPromotionForm
from accompagnement.selectors.carnet import promotions_pour_les_carnets
from programme.pagination import page_lue
from programme.selectors import promotion_par_defaut

from .exports import FORMATS, TITRES
from .selectors_tableau import A_PREVENIR_AFFICHES, A_RELANCER, VOLETS, url_du_tableau
from .selectors_tableau import tableau_de_bord as tableau_de_bord_de

TITRE = "Tableau de bord de la promotion"
# The lines of a page of the dashboard's long parts, light enough for an EcoIndex A.
PAR_PAGE = {"a-qui-parler": 15, "parcours": 20, "presence": 20}
# Where each of those long lists is in the dashboard's data.
LIGNES_PAGINEES = {
    "a-qui-parler": lambda tableau: tableau["a_prevenir"],
    "parcours": lambda tableau: tableau["parcours"]["en_cours"],
    "presence": lambda tableau: tableau["presence"]["peu_suivies"],
}


def _promotion_choisie(request):
    """The chooser of the promotion and the promotion it shows (the coach's default one without a choice)."""
    promotions = promotions_pour_les_carnets()
    choix = ChoixPromotionForm(request.GET or None, promotions=promotions)
    promotion = choix.promotion_choisie() or promotion_par_defaut(request.user)
    if promotion:
        # The default promotion comes from another query: take the same one with its phases prefetched.
        promotion = next((p for p in promotions if p.pk == promotion.pk), promotion)
        if not request.GET:
            choix = ChoixPromotionForm(initial={"promotion": promotion.pk}, promotions=promotions)
    return choix, promotion


@login_required
@permission_required("programme.voir_tableau_de_bord", raise_exception=True)
def tableau_de_bord(request):
    choix, promotion = _promotion_choisie(request)
    return render(request, "magellan/tableau_de_bord.html", {
        "choix": choix, "promotion": promotion, "titre": TITRE,
        "tableau": tableau_de_bord_de(promotion) if promotion else None, "affiches": A_PREVENIR_AFFICHES,
        "fil_ariane": {"courant": TITRE},
        "exports": TITRES.items() if request.user.has_perm("programme.administrer") else (), "formats": list(FORMATS),
    })


@login_required
@permission_required("programme.voir_tableau_de_bord", raise_exception=True)
def tableau_de_bord_volet(request, volet):
    """One part of the dashboard in full: everyone to talk to, the arrival paths, the hours or the attendance."""
    if volet not in VOLETS:
        raise Http404("Cette partie du tableau de bord n'existe pas.")
    choix, promotion = _promotion_choisie(request)
    titre = VOLETS[volet]
    tableau = tableau_de_bord_de(promotion, volet=volet) if promotion else None
    page = None
    if tableau and volet in PAR_PAGE:
        # The long lists go page by page: people to talk to (the most urgent first), arrival paths, sessions few
        # came to.
        page = page_lue(request, LIGNES_PAGINEES[volet](tableau), PAR_PAGE[volet])
    return render(request, "magellan/tableau_de_bord/volet.html", {
        "choix": choix, "promotion": promotion, "titre": titre, "volet": volet, "tableau": tableau, "page": page,
        "d_abord": [e for e in page if e.priorite < A_RELANCER] if volet == "a-qui-parler" and page else [],
        "a_relancer": [e for e in page if e.priorite >= A_RELANCER] if volet == "a-qui-parler" and page else [],
        "fil_ariane": {"liens": [{"url": url_du_tableau(promotion), "titre": TITRE}], "courant": titre},
    })
