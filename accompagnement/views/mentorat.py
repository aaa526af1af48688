"""Pages of the accompagnement: mentorat — the offer, booking a cycle, one's cycles, a mentor's slots and mentorés,
the mentorats collectifs open to a person and proposing one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from programme.pagination import page_lue

from ..forms.mentorat import CreneauxForm, MentoratCollectifForm, ReservationCycleForm
from ..models import TypeMentorat
from ..rules.mentorat import types_mentorat_demandables, types_mentorat_offerts
from ..selectors import mentorat as selectors
from ..selectors import mentorat_collectif as selectors_collectif
from ..selectors.sessions import comptes_ajouter
from ..services import mentorat as services
from ..services.mentorat_collectif import mentorat_collectif_proposer

CYCLES_PAR_PAGE = 20
# The mentorats collectifs open to a person, shown by pages (their seats counted for the page only).
OFFRES_PAR_PAGE = 8


def _nature(type_mentorat):
    return services.NATURES[type_mentorat]


def _fil(courant, *liens):
    return {"liens": [{"url": reverse("mentorat"), "titre": "Mentorat"}, *liens], "courant": courant}


def _offres(personne):
    """The three kinds of mentorat as cards: what each is, and what this person can do with it."""
    dispositifs = selectors.dispositifs_du_mentorat()
    offres = []
    for type_mentorat, titre in [(TypeMentorat.INDIVIDUEL, "Mentorat individuel, avec un coach"),
                                 (TypeMentorat.MENTORAT, "Mentorat, avec un spécialiste de la DINUM")]:
        url = action = None
        if personne.has_perm("accompagnement.reserver_cycle", type_mentorat):
            url, action = reverse("mentorat_reserver", args=[type_mentorat]), "Réserver un cycle"
        elif personne.has_perm("accompagnement.voir_offre_mentorat", type_mentorat):
            url, action = reverse("mentorat_reserver", args=[type_mentorat]), "Voir les cycles proposés"
        offres.append({"titre": titre, "dispositif": dispositifs[type_mentorat], "url": url, "action": action})
    offres.append({"titre": "Mentorat collectif", "dispositif": dispositifs["collectif"],
                   "url": reverse("mentorat_collectif"), "action": "Voir les mentorats collectifs"})
    return offres


@login_required
def accueil(request):
    return render(request, "accompagnement/mentorat/accueil.html", {
        "offres": _offres(request.user),
        "demandeur": request.user.has_perm("accompagnement.voir_mes_cycles"),
        "mentor": request.user.has_perm("accompagnement.voir_mes_mentores"),
        "seances_par_cycle": selectors.SEANCES_PAR_CYCLE,
        "fil_ariane": {"courant": "Mentorat"},
    })


@login_required
def reserver(request, type_mentorat):
    if type_mentorat not in TypeMentorat.values:
        raise Http404("Ce type de mentorat n'existe pas.")
    if not request.user.has_perm("accompagnement.voir_offre_mentorat", type_mentorat):
        raise PermissionDenied("Ce mentorat n'est pas proposé à votre rôle.")
    peut_reserver = request.user.has_perm("accompagnement.reserver_cycle", type_mentorat)
    if request.method == "POST" and not peut_reserver:
        raise PermissionDenied("Seuls les EIG, et les porteurs pour le mentorat individuel, réservent un cycle.")
    formulaire = ReservationCycleForm(request.POST or None)
    mentor_manque, deja_pris = None, False
    if request.method == "POST" and formulaire.is_valid():
        mentor_id, ids = formulaire.cleaned_data["cycle"]
        mentor, creneaux = selectors.creneaux_choisis(mentor_id, ids)
        try:
            if mentor is None or len(creneaux) != len(ids):
                # A slot withdrawn since the page was shown: the same answer as a slot taken.
                raise services.CreneauDejaPris("Ce cycle n'est plus proposé : aucune séance n'a été réservée.")
            services.cycle_reserver(request.user, mentor, creneaux, formulaire.cleaned_data["besoins"])
        except services.CreneauDejaPris as erreur:
            formulaire.add_error(None, erreur)
            mentor_manque, deja_pris = mentor, True
        except ValidationError as erreur:
            formulaire.add_error(None, erreur)
        else:
            messages.success(request, f"Votre cycle avec {mentor.nom_complet} est réservé : vous et votre mentor "
                                      "recevez une confirmation par e-mail.")
            return redirect("mentorat_mes_cycles")
    offre = selectors.offre_de_mentorat(type_mentorat, demandeur=request.user, mentor_en_premier=mentor_manque)
    return render(request, "accompagnement/mentorat/reserver.html", {
        "type_mentorat": type_mentorat, "nature": _nature(type_mentorat), "offre": offre,
        "formulaire": formulaire, "peut_reserver": peut_reserver, "deja_pris": deja_pris,
        "valeur_choisie": "" if deja_pris else formulaire.data.get("cycle", ""),
        "dispositif": selectors.dispositifs_du_mentorat()[type_mentorat],
        "seances_par_cycle": selectors.SEANCES_PAR_CYCLE,
        "fil_ariane": _fil(f"Réserver un cycle de {_nature(type_mentorat)}"),
    })


@login_required
def mes_cycles(request):
    if not request.user.has_perm("accompagnement.voir_mes_cycles"):
        raise PermissionDenied("Les cycles de mentorat se réservent par les EIG et les porteurs.")
    return render(request, "accompagnement/mentorat/mes_cycles.html", {
        "page_obj": page_lue(request, selectors.cycles_de(request.user), CYCLES_PAR_PAGE),
        "demandables": types_mentorat_demandables(request.user), "TypeMentorat": TypeMentorat,
        "maintenant": timezone.now(), "fil_ariane": _fil("Mes cycles"),
    })


@login_required
def mes_mentores(request):
    if not request.user.has_perm("accompagnement.voir_mes_mentores"):
        raise PermissionDenied("Cette page est celle des mentors : coachs, parrains et marraines.")
    return render(request, "accompagnement/mentorat/mes_mentores.html", {
        "page_obj": page_lue(request, selectors.cycles_avec(request.user), CYCLES_PAR_PAGE),
        "maintenant": timezone.now(), "fil_ariane": _fil("Les personnes que j'accompagne"),
    })


@login_required
def cycles(request):
    if not request.user.has_perm("accompagnement.suivre_mentorat"):
        raise PermissionDenied("Seuls les coachs suivent tous les cycles.")
    type_mentorat = request.GET.get("type") if request.GET.get("type") in TypeMentorat.values else ""
    return render(request, "accompagnement/mentorat/cycles.html", {
        "page_obj": page_lue(request, selectors.cycles_tous(type_mentorat=type_mentorat), CYCLES_PAR_PAGE),
        "type_mentorat": type_mentorat, "types": TypeMentorat.choices,
        "maintenant": timezone.now(), "fil_ariane": _fil("Tous les cycles"),
    })


@login_required
def cycle(request, pk):
    cycle = selectors.cycle_avec_seances(pk)
    if cycle is None or not request.user.has_perm("accompagnement.voir_cycle", cycle):
        raise Http404("Ce cycle n'existe pas ou ne vous concerne pas.")
    maintenant = timezone.now()
    annulable = cycle.annule_le is None and any(
        r.annulee_le is None and r.creneau.debut > maintenant for r in cycle.reservations.all()
    )
    return render(request, "accompagnement/mentorat/cycle.html", {
        "cycle": cycle, "nature": _nature(cycle.type), "maintenant": maintenant, "annulable": annulable,
        "peut_annuler": request.user.has_perm("accompagnement.annuler_cycle", cycle),
        "fil_ariane": _fil(f"Cycle avec {cycle.mentor.nom_complet}"),
    })


@login_required
@require_POST
def seance_annuler(request, pk):
    reservation = selectors.reservation_avec_cycle(pk)
    if reservation is None or not request.user.has_perm("accompagnement.annuler_cycle", reservation.cycle):
        raise Http404("Cette séance n'existe pas ou ne vous concerne pas.")
    try:
        services.seance_annuler(reservation, request.user)
    except ValidationError as erreur:
        messages.error(request, " ".join(erreur.messages))
    else:
        messages.success(request, f"La séance du {services.en_clair(reservation.creneau.debut)} est annulée ; "
                                  "le créneau est de nouveau proposé.")
    return redirect("mentorat_cycle", pk=reservation.cycle_id)


@login_required
@require_POST
def cycle_annuler(request, pk):
    cycle = selectors.cycle_avec_seances(pk)
    if cycle is None or not request.user.has_perm("accompagnement.annuler_cycle", cycle):
        raise Http404("Ce cycle n'existe pas ou ne vous concerne pas.")
    try:
        services.cycle_annuler(cycle, request.user)
    except ValidationError as erreur:
        messages.error(request, " ".join(erreur.messages))
    else:
        messages.success(request, "Le cycle est annulé : ses séances à venir sont de nouveau proposées.")
    return redirect("mentorat_cycle", pk=cycle.pk)


@login_required
def creneaux(request):
    if not request.user.has_perm("accompagnement.publier_creneaux"):
        raise PermissionDenied("Les créneaux de mentorat se publient par les coachs, parrains et marraines.")
    formulaire = CreneauxForm(request.POST or None, types=types_mentorat_offerts(request.user), mentor=request.user)
    if request.method == "POST" and formulaire.is_valid():
        donnees = formulaire.cleaned_data
        try:
            publies = services.creneaux_publier(
                request.user, type_mentorat=donnees["type_mentorat"], debut=donnees["debut"],
                duree_minutes=donnees["duree_minutes"], lieu=donnees["lieu"], semaines=4 if donnees["serie"] else 1,
            )
        except ValidationError as erreur:
            formulaire.add_error(None, erreur)
        else:
            combien = "1 créneau publié" if len(publies) == 1 else f"{len(publies)} créneaux publiés"
            messages.success(request, f"{combien}, à partir du {services.en_clair(publies[0].debut)}.")
            return redirect("mentorat_creneaux")
    return render(request, "accompagnement/mentorat/creneaux.html", {
        "formulaire": formulaire, "creneaux": selectors.creneaux_a_venir_de(request.user),
        "seances_par_cycle": selectors.SEANCES_PAR_CYCLE,
        "fil_ariane": _fil("Mes créneaux"),
    })


@login_required
@require_POST
def creneau_supprimer(request, pk):
    creneau = selectors.creneau(pk)
    if creneau is None or not request.user.has_perm("accompagnement.supprimer_creneau", creneau):
        raise Http404("Ce créneau n'existe pas ou n'est pas le vôtre.")
    try:
        services.creneau_supprimer(creneau)
    except ValidationError as erreur:
        messages.error(request, " ".join(erreur.messages))
    else:
        messages.success(request, f"Le créneau du {services.en_clair(creneau.debut)} est retiré.")
    return redirect("mentorat_creneaux")


@login_required
def collectif(request):
    """The mentorats collectifs a person may join (joined through the sessions' answers) and those they lead."""
    offres = page_lue(request, selectors_collectif.mentorats_collectifs_ouverts_pour(request.user), OFFRES_PAR_PAGE)
    offres.object_list = comptes_ajouter(offres.object_list)
    return render(request, "accompagnement/mentorat/collectif.html", {
        "page_obj": offres,
        "animes": comptes_ajouter(selectors_collectif.mentorats_collectifs_animes_par(request.user)),
        "dispositif": selectors.dispositifs_du_mentorat()["collectif"],
        "fil_ariane": _fil("Mentorat collectif"),
    })


@login_required
def collectif_proposer(request):
    if not request.user.has_perm("accompagnement.proposer_mentorat_collectif"):
        raise PermissionDenied("Les coachs, parrains et marraines proposent les mentorats collectifs.")
    promotions = selectors_collectif.promotions_du_mentorat_collectif(request.user)
    formulaire = MentoratCollectifForm(request.POST or None, promotions=promotions)
    if request.method == "POST" and formulaire.is_valid():
        donnees = formulaire.cleaned_data
        try:
            session = mentorat_collectif_proposer(
                request.user, debut=donnees["debut"],
                **{nom: donnees[nom] for nom in ["promotion", "titre", "description", "duree_minutes", "places",
                                                 "audience", "expertise", "lieu", "lien_visio"]})
        except ValidationError as erreur:
            for message in erreur.messages:
                formulaire.add_error(None, message)
        else:
            messages.success(request, f"« {session.titre} » est publié : les personnes invitées peuvent s'inscrire.")
            return redirect("session", pk=session.pk)
    return render(request, "accompagnement/mentorat/collectif_proposer.html", {
        "formulaire": formulaire,
        "sans_promotion": not promotions.exists(),
        "fil_ariane": _fil("Proposer un mentorat collectif",
                           {"url": reverse("mentorat_collectif"), "titre": "Mentorat collectif"}),
    })
