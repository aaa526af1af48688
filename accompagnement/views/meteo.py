"""Pages of the météo entrepreneuriale: the EIG answers (from their personal link, without a password, or from
« Ma météo ») and sees the promotion's closed averages; the coaches follow trends, alerts and each EIG's
history. Nobody else sees an answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from programme.dates import PARIS
from programme.nombres import en_lettres
from programme.pagination import page_lue
from programme.selectors import eig_par_pk, promotion_par_defaut

from ..forms.carnet import ChoixPromotionForm
from ..forms.meteo import MeteoForm
from ..models import ReponseMeteo
from ..selectors import carnet as selectors_carnet
from ..selectors import meteo as selectors
from ..services import meteo as services
from .carnet import EIG_PAR_PAGE

GONE = 410


def _etat(request, titre, message, statut=200):
    return render(request, "accompagnement/meteo/etat.html", {
        "titre": titre, "message": message, "fil_ariane": {"courant": "Météo entrepreneuriale"},
    }, status=statut)


def _prochaine_vague() -> str:
    semaines = services.SEMAINES_ENTRE_VAGUES
    return "la semaine prochaine" if semaines == 1 else f"dans {en_lettres(semaines)} semaines"


def _deja_repondu(request):
    return _etat(request, "Vous avez déjà répondu", "Vous avez déjà répondu à cette météo : merci ! Chaque lien ne "
                 f"sert qu'une fois ; rendez-vous à la prochaine vague, {_prochaine_vague()}.", GONE)


def _close(request):
    return _etat(request, "Cette météo est close", "Cette météo est close : il n'est plus possible d'y répondre. "
                 f"Rendez-vous à la prochaine vague, {_prochaine_vague()}.", GONE)


def _repondre(request, reponse: ReponseMeteo, fil_ariane):
    """The form of one response, whoever reaches it (link or login): once, while the round is open."""
    if reponse.repondue_le:
        return _deja_repondu(request)
    if services.vague_est_close(reponse.vague):
        return _close(request)
    formulaire = MeteoForm(request.POST or None)
    if request.method == "POST" and formulaire.is_valid():
        try:
            services.meteo_repondre(reponse, **formulaire.cleaned_data)
        except services.DejaRepondu:
            return _deja_repondu(request)
        except services.VagueClose:
            return _close(request)
        if request.user.is_authenticated and request.user.pk == reponse.eig_id:
            messages.success(request, "Merci, votre météo est enregistrée.")
            return redirect("meteo")
        return _etat(request, "Merci !", "Votre météo est enregistrée. Seuls les coachs du programme la lisent.")
    return render(request, "accompagnement/meteo/repondre.html", {
        "formulaire": formulaire, "reponse": reponse, "vague": reponse.vague,
        "fermee_le": timezone.localtime(reponse.vague.fermee_le, PARIS), "fil_ariane": fil_ariane,
    })


def meteo_repondre_lien(request, jeton):
    reponse = selectors.reponse_par_jeton(jeton)
    if reponse is None:
        raise Http404("Ce lien de météo n'existe pas.")
    return _repondre(request, reponse, {"courant": "Météo entrepreneuriale"})


@login_required
@permission_required("accompagnement.repondre_meteo", raise_exception=True)
def meteo_repondre(request, pk):
    reponse = selectors.reponse_par_pk(pk)
    if reponse is None or not request.user.has_perm("accompagnement.voir_reponse_meteo", reponse):
        raise Http404("Cette météo n'existe pas ou ne vous est pas visible.")
    return _repondre(request, reponse, {"liens": [{"url": reverse("meteo"), "titre": "Ma météo"}],
                                        "courant": f"Météo du {reponse.vague.date:%d/%m/%Y}"})


@login_required
@permission_required("accompagnement.repondre_meteo", raise_exception=True)
def meteo(request):
    reponses = selectors.reponses_de(request.user)
    maintenant = timezone.now()
    a_repondre = [r for r in reponses if not r.repondue_le and not services.vague_est_close(r.vague, maintenant)]
    return render(request, "accompagnement/meteo/meteo.html", {
        "cadence": services.cadence_en_clair(),
        "a_repondre": a_repondre, "historique": [r for r in reponses if r not in a_repondre],
        "fil_ariane": {"courant": "Ma météo"},
    })


@login_required
@permission_required("accompagnement.repondre_meteo", raise_exception=True)
def meteo_promotion(request):
    promotion = selectors_carnet.promotion_de_l_eig(request.user)
    return render(request, "accompagnement/meteo/promotion.html", {
        "promotion": promotion, "vagues": selectors.meteo_de_la_promotion(promotion, request.user) if promotion else [],
        "seuil": selectors.SEUIL_ANONYMAT,
        "fil_ariane": {"liens": [{"url": reverse("meteo"), "titre": "Ma météo"}], "courant": "Météo de la promotion"},
    })


@login_required
@permission_required("accompagnement.suivre_meteo", raise_exception=True)
def meteo_coachs(request):
    promotions = selectors_carnet.promotions_pour_les_carnets()
    choix = ChoixPromotionForm(request.GET or None, promotions=promotions)
    promotion = choix.promotion_choisie() or promotion_par_defaut(request.user)
    if not request.GET and promotion:
        choix = ChoixPromotionForm(initial={"promotion": promotion.pk}, promotions=promotions)
    return render(request, "accompagnement/meteo/coachs.html", {
        "choix": choix, "promotion": promotion,
        "tendance": selectors.meteo_tendance(promotion) if promotion else None,
        "alertes": selectors.alertes_ouvertes(promotion) if promotion else [],
        "eig": page_lue(request, list(selectors.eig_de_la_promotion_et_leur_meteo(promotion)) if promotion else [],
                        EIG_PAR_PAGE),
        "niveaux": ReponseMeteo.Niveau.choices, "fil_ariane": {"courant": "Météo entrepreneuriale"},
    })


@login_required
@permission_required("accompagnement.suivre_meteo", raise_exception=True)
def meteo_eig(request, pk):
    eig = eig_par_pk(pk)
    if eig is None:
        raise Http404("Cette personne n'est pas EIG.")
    return render(request, "accompagnement/meteo/eig.html", {
        "eig": eig, "reponses": selectors.reponses_avec_alertes(eig),
        "fil_ariane": {"liens": [{"url": reverse("meteo_coachs"), "titre": "Météo entrepreneuriale"}],
                       "courant": f"Météo de {eig.nom_complet}"},
    })


@require_POST
@login_required
@permission_required("accompagnement.suivre_meteo", raise_exception=True)
def meteo_alerte_traiter(request, pk):
    alerte = selectors.alerte_par_pk(pk)
    if alerte is None:
        raise Http404("Cette alerte n'existe pas.")
    services.alerte_traiter(alerte, request.user)
    messages.success(request, f"L'alerte concernant {alerte.reponse.eig.nom_complet} est marquée comme traitée.")
    return redirect(f"{reverse('meteo_coachs')}?promotion={alerte.reponse.vague.promotion_id}")
