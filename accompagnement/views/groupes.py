"""Pages of the groupes de partage: an EIG's own groups (and their next topic), the coaches' preview of a month
with moves, composition and publication."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from programme.dates import de_mois, mois_precedent, mois_suivant, premier_du_mois
from programme.models import Promotion
from programme.pagination import page_lue
from programme.selectors import promotion_par_defaut

from ..forms.groupes import ChoixMoisForm, DeplacementForm, SujetSuivantForm
from ..models import GroupePartage
from ..selectors import carnet as selectors_carnet
from ..selectors import groupes as selectors
from ..services import groupes as services

# The groups of a page of the coaches' preview.
GROUPES_PAR_PAGE = 6


def _url_apercu(promotion, mois) -> str:
    return f"{reverse('groupes_apercu')}?promotion={promotion.pk}&mois={mois:%Y-%m}"


def _erreurs(erreur: ValidationError) -> str:
    return " ".join(erreur.messages)


@login_required
def mes_groupes(request):
    if not request.user.has_perm("accompagnement.voir_mes_groupes"):
        raise PermissionDenied("Les groupes de partage réunissent les EIG.")
    groupes = selectors.groupes_de(request.user)
    for groupe in groupes:
        groupe.formulaire = SujetSuivantForm(groupe=groupe) if groupe.type == GroupePartage.Type.PAIRS else None
    return render(request, "accompagnement/groupes/mes_groupes.html", {
        "groupes": groupes, "fil_ariane": {"courant": "Mes groupes de partage"},
    })


@login_required
@require_POST
def groupe_sujet_suivant(request, pk):
    groupe = get_object_or_404(GroupePartage, pk=pk)
    if not request.user.has_perm("accompagnement.voir_groupe", groupe):
        raise Http404("Ce groupe n'existe pas ou ne vous est pas visible.")
    if not request.user.has_perm("accompagnement.choisir_sujet_suivant", groupe):
        raise PermissionDenied("Seuls les groupes entre pairs choisissent le sujet de leur prochaine rencontre.")
    formulaire = SujetSuivantForm(request.POST, groupe=groupe)
    if formulaire.is_valid():
        services.sujet_suivant_choisir(groupe, formulaire.cleaned_data["sujet_suivant"])
        messages.success(request, "Le sujet de la prochaine rencontre est enregistré.")
    else:
        messages.error(request, " ".join(formulaire.errors["sujet_suivant"]))
    if request.user.has_perm("accompagnement.piloter_groupes"):
        return redirect(_url_apercu(groupe.promotion, groupe.mois))
    return redirect("mes_groupes")


@login_required
@permission_required("accompagnement.piloter_groupes", raise_exception=True)
def groupes_apercu(request):
    promotions = selectors_carnet.promotions_pour_les_carnets()
    choix = ChoixMoisForm(request.GET or None, promotions=promotions)
    promotion = choix.promotion_choisie() or promotion_par_defaut(request.user)
    mois = choix.mois_choisi() or premier_du_mois()
    if promotion and not (request.GET and choix.is_valid()):
        choix = ChoixMoisForm(initial={"promotion": promotion.pk, "mois": f"{mois:%Y-%m}"}, promotions=promotions)
    apercu = selectors.apercu_du_mois(promotion, mois) if promotion else None
    deplacement = None
    if apercu and apercu.a_publier:
        deplacement = DeplacementForm(membres=apercu.membres,
                                      groupes=[g.groupe for g in apercu.groupes])
        deplacement.helper.form_action = f"{reverse('groupes_deplacer')}?promotion={promotion.pk}&mois={mois:%Y-%m}"
    page = None
    if apercu:
        for ligne in apercu.entre_pairs:
            ligne.formulaire = SujetSuivantForm(groupe=ligne.groupe)
        # The groups go page by page, entre pairs first: a page stays light (EcoIndex A, bench/ecoindex.py).
        page = page_lue(request, [*apercu.entre_pairs, *apercu.pluri], GROUPES_PAR_PAGE)
    return render(request, "accompagnement/groupes/apercu.html", {
        "choix": choix, "promotion": promotion, "mois": mois, "apercu": apercu, "deplacement": deplacement,
        "page_obj": page, "pairs_de_la_page": [ligne for ligne in page or () if ligne.groupe.type == "pairs"],
        "pluri_de_la_page": [ligne for ligne in page or () if ligne.groupe.type != "pairs"],
        "mois_precedent": mois_precedent(mois), "mois_suivant": mois_suivant(mois),
        "prochain_mois": mois_suivant(premier_du_mois()),
        "fil_ariane": {"courant": "Groupes de partage"},
    })


def _promotion_et_mois(request):
    """The promotion and month a coach's action is about, from the query string."""
    choix = ChoixMoisForm(request.GET, promotions=Promotion.objects.all())
    promotion, mois = choix.promotion_choisie(), choix.mois_choisi()
    if promotion is None or mois is None:
        raise Http404("Précisez la promotion et le mois.")
    return promotion, mois


@login_required
@require_POST
@permission_required("accompagnement.piloter_groupes", raise_exception=True)
def groupes_composer(request):
    promotion, mois = _promotion_et_mois(request)
    groupes = services.groupes_composer(promotion, mois)
    if groupes:
        messages.success(request, f"Les groupes {de_mois(mois)} sont composés en brouillon : "
                                  "relisez-les, déplacez des personnes si besoin, puis publiez-les.")
    else:
        messages.warning(request, f"La {promotion} ne compte aucun EIG actif : aucun groupe à composer.")
    return redirect(_url_apercu(promotion, mois))


@login_required
@require_POST
@permission_required("accompagnement.piloter_groupes", raise_exception=True)
def groupes_deplacer(request):
    promotion, mois = _promotion_et_mois(request)
    formulaire = DeplacementForm(request.POST, membres=selectors.membres_du_mois(promotion, mois),
                                 groupes=selectors.groupes_du_mois(promotion, mois))
    if not formulaire.is_valid():
        messages.error(request, " ".join(e for erreurs in formulaire.errors.values() for e in erreurs))
        return redirect(_url_apercu(promotion, mois))
    membre, vers = formulaire.membre_choisi(), formulaire.groupe_choisi()
    try:
        services.membre_deplacer(membre.groupe, membre.personne, vers)
    except ValidationError as erreur:
        messages.error(request, _erreurs(erreur))
    else:
        messages.success(request, f"{membre.personne.nom_complet} est désormais dans le groupe {vers}.")
    return redirect(_url_apercu(promotion, mois))


@login_required
@require_POST
@permission_required("accompagnement.piloter_groupes", raise_exception=True)
def groupes_publier(request):
    promotion, mois = _promotion_et_mois(request)
    nombre = services.groupes_publier(promotion, mois)
    if nombre:
        messages.success(request, f"{nombre} groupe{'s' if nombre > 1 else ''} publié{'s' if nombre > 1 else ''} : "
                                  "chaque membre reçoit son invitation par courriel.")
    else:
        messages.info(request, f"Les groupes {de_mois(mois)} étaient déjà publiés.")
    return redirect(_url_apercu(promotion, mois))
