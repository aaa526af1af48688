"""The coaches' dashboard of a promotion (`/coachs/tableau-de-bord/?promotion=`): one page that says where the
promotion is and whom to talk to this week, read from each app by `magellan.selectors_tableau`."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from rules.contrib.views import permission_required

from accompagnement.forms.carnet import ChoixPromotionForm
from accompagnement.selectors.carnet import promotions_pour_les_carnets
from programme.selectors import promotion_par_defaut

from .exports import FORMATS, TITRES
from .selectors_tableau import tableau_de_bord as tableau_de_bord_de

TITRE = "Tableau de bord de la promotion"


@login_required
@permission_required("programme.voir_tableau_de_bord", raise_exception=True)
def tableau_de_bord(request):
    promotions = promotions_pour_les_carnets()
    choix = ChoixPromotionForm(request.GET or None, promotions=promotions)
    promotion = choix.promotion_choisie() or promotion_par_defaut(request.user)
    if promotion:
        # The default promotion comes from another query: take the same one with its phases prefetched.
        promotion = next((p for p in promotions if p.pk == promotion.pk), promotion)
        if not request.GET:
            choix = ChoixPromotionForm(initial={"promotion": promotion.pk}, promotions=promotions)
    return render(request, "magellan/tableau_de_bord.html", {
        "choix": choix, "promotion": promotion, "titre": TITRE,
        "tableau": tableau_de_bord_de(promotion) if promotion else None,
        "fil_ariane": {"courant": TITRE},
        "exports": TITRES.items() if request.user.has_perm("programme.administrer") else (), "formats": list(FORMATS),
    })

