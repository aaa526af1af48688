"""Pages of the accompagnement: the public catalogue of dispositifs, a session's page and the answers of the
invited people, the sessions open to a person, and the coaches' pages (list, form, cancellation, attendance,
planner, planned calendar, publication)."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from programme.models import Promotion
from programme.pagination import page_lue
from programme.selectors import promotion_par_defaut
from ressources.selectors import ressources_du_dispositif

from ..forms.sessions import AnnulationForm, EmargementForm, FiltreSessionsForm, SessionForm
from ..models import Dispositif, Inscription, Session
from ..selectors import sessions as selecteurs
from ..services import planificateur
from ..services import sessions as services

# Eight sessions a page keep each list light (EcoIndex A, bench/ecoindex.py); filters and pages reach the rest.
SESSIONS_PAR_PAGE = 8


def _fil_coachs(*liens):
    return [{"url": reverse("coach_sessions"), "titre": "Sessions"}, *liens]


def _nombre(nombre: int, mots: str) -> str:
    """« 1 session publiée », « 30 sessions publiées »: French plural of each word from 2 on."""
    return f"{nombre} {' '.join(mot + 's' if nombre > 1 else mot for mot in mots.split())}"


def _erreurs_en_messages(request, erreur: ValidationError):
    for message in erreur.messages:
        messages.error(request, message)


def _avertir_si_jour_non_ouvre(request, session: Session):
    avertissement = planificateur.avertissement_jour_non_ouvre(session.debut)
    if avertissement:
        messages.warning(request, avertissement)


def _suite(request, par_defaut: str) -> HttpResponseRedirect:
    """Back after a POST: to the form's `suite` when it is a path of this site (no other host, no scheme,
    nothing a header could not carry), to `par_defaut` otherwise."""
    suite = request.POST.get("suite", "")
    if (suite.startswith("/") and suite.isprintable()
            and url_has_allowed_host_and_scheme(suite, allowed_hosts=None, require_https=request.is_secure())):
        return HttpResponseRedirect(suite)
    return HttpResponseRedirect(par_defaut)


# The public catalogue.

def catalogue_dispositifs(request):
    return render(request, "accompagnement/sessions/catalogue.html", {
        "familles": selecteurs.dispositifs_par_famille(),
        "fil_ariane": {"courant": "Le programme d'accompagnement"},
    })


def dispositif(request, slug):
    fiche = get_object_or_404(Dispositif, slug=slug)
    return render(request, "accompagnement/sessions/dispositif.html", {
        "dispositif": fiche,
        "ressources": ressources_du_dispositif(fiche, request.user),
        "fil_ariane": {"liens": [{"url": reverse("catalogue_dispositifs"), "titre": "Le programme d'accompagnement"}],
                       "courant": fiche.nom},
    })


def _page_comptee(request, sessions):
    """The page asked of a list of sessions, its rows counted once the page is cut."""
    page = page_lue(request, sessions, SESSIONS_PAR_PAGE)
    page.object_list = selecteurs.comptes_ajouter(page.object_list)
    return page


# The invited people's pages.

@login_required
def sessions_a_venir(request):
    return render(request, "accompagnement/sessions/a_venir.html", {
        "page_obj": _page_comptee(request, selecteurs.sessions_ouvertes_pour(request.user)),
        "fil_ariane": {"courant": "Les sessions à venir"},
    })


def _session_visible(request, pk) -> Session:
    session = selecteurs.session_pour_page(pk)
    if session is None or not request.user.has_perm("accompagnement.voir_session", session):
        raise Http404("Cette session n'existe pas ou ne vous est pas ouverte.")
    return session


@login_required
def session(request, pk):
    session = _session_visible(request, pk)
    inscriptions = (list(selecteurs.inscriptions_de(session))
                    if request.user.has_perm("accompagnement.voir_inscrits_session", session) else None)
    places = None if session.capacite is None else max(session.capacite - session.nombre_inscrites, 0)
    gerer = request.user.has_perm("accompagnement.gerer_sessions")
    # A coach comes from the promotion's list of sessions, an invited person from their sessions to come.
    retour = ({"url": f"{reverse('coach_sessions')}?promotion={session.promotion_id}", "titre": "Sessions"} if gerer
              else {"url": reverse("sessions_a_venir"), "titre": "Les sessions à venir"})
    return render(request, "accompagnement/sessions/session.html", {
        "session": session,
        "mon_inscription": selecteurs.inscription_de(session, request.user),
        "anime": any(personne.pk == request.user.pk for personne in session.facilitateurs.all()),
        "peut_repondre": session.debut > timezone.now() and request.user.has_perm(
            "accompagnement.repondre_session", session),
        "places_restantes": places,
        "inscriptions": inscriptions,
        "Statut": Session.Statut,
        "gerer": gerer,
        "fil_ariane": {"liens": [retour], "courant": session.titre},
    })


@login_required
@require_POST
def session_repondre(request, pk):
    """Register, join the waiting list, decline or withdraw, from the session's page or the list."""
    session = _session_visible(request, pk)
    if not request.user.has_perm("accompagnement.repondre_session", session):
        raise PermissionDenied("Vous n'êtes pas invitée ou invité à cette session.")
    reponse = request.POST.get("reponse")
    try:
        if reponse == "inscrire":
            inscription = services.session_inscrire(session, request.user)
            if inscription.statut == Inscription.Statut.INSCRITE:
                messages.success(request, f"Vous êtes inscrite ou inscrit à « {session.titre} ».")
            else:
                messages.info(request, f"« {session.titre} » est complète : vous êtes en liste d'attente. "
                                       "Un e-mail vous préviendra si une place se libère.")
        elif reponse == "decliner":
            services.session_decliner(session, request.user)
            messages.success(request, "Votre réponse est enregistrée : vous ne participerez pas à "
                                      f"« {session.titre} ».")
        else:
            messages.error(request, "Choisissez de vous inscrire ou de décliner.")
    except ValidationError as erreur:
        _erreurs_en_messages(request, erreur)
    return _suite(request, reverse("session", kwargs={"pk": session.pk}))


# The coaches' pages.

@login_required
@permission_required("accompagnement.gerer_sessions", raise_exception=True)
def coach_sessions(request):
    par_defaut = promotion_par_defaut(request.user)
    if par_defaut is None:
        return render(request, "accompagnement/sessions/coach_liste.html", {
            "promotion": None, "fil_ariane": {"courant": "Sessions"}})
    formulaire = FiltreSessionsForm(request.GET or None, promotion=par_defaut)
    filtres = formulaire.filtres() if request.GET else {}
    promotion = filtres.pop("promotion", None) or par_defaut
    return render(request, "accompagnement/sessions/coach_liste.html", {
        "formulaire": formulaire, "promotion": promotion,
        "page_obj": _page_comptee(request, selecteurs.sessions_de_promotion(promotion, **filtres)),
        "requete": request.GET.urlencode() if request.GET else "",
        "fil_ariane": {"courant": "Sessions"},
    })


@login_required
@permission_required("accompagnement.gerer_sessions", raise_exception=True)
def session_creer(request, promotion_pk):
    promotion = get_object_or_404(Promotion, pk=promotion_pk)
    formulaire = SessionForm(request.POST or None, promotion=promotion)
    if request.method == "POST" and formulaire.is_valid():
        try:
            session = services.session_creer(promotion=promotion, publier="publier" in request.POST,
                                             **formulaire.donnees_session())
        except ValidationError as erreur:
            formulaire.add_error(None, erreur)
        else:
            etat = "publiée" if session.statut == Session.Statut.PUBLIEE else "enregistrée en brouillon"
            messages.success(request, f"La session « {session.titre} » est {etat}.")
            _avertir_si_jour_non_ouvre(request, session)
            return redirect("session", pk=session.pk)
    return render(request, "accompagnement/sessions/formulaire.html", {
        "formulaire": formulaire, "promotion": promotion, "titre": f"Nouvelle session — {promotion}",
        "fil_ariane": {"liens": _fil_coachs(), "courant": "Nouvelle session"},
    })


@login_required
@permission_required("accompagnement.gerer_sessions", raise_exception=True)
def session_modifier(request, pk):
    session = get_object_or_404(Session.objects.select_related("promotion"), pk=pk)
    if session.statut == Session.Statut.ANNULEE:
        messages.error(request, "Cette session est annulée : elle ne peut plus être modifiée.")
        return redirect("session", pk=session.pk)
    formulaire = SessionForm(request.POST or None, instance=session, promotion=session.promotion)
    if request.method == "POST" and formulaire.is_valid():
        annoncee = session.statut == Session.Statut.PUBLIEE and bool(
            set(formulaire.changed_data) & set(services.CHAMPS_ANNONCES))
        try:
            services.session_modifier(session, par=request.user, **formulaire.donnees_session())
        except ValidationError as erreur:
            formulaire.add_error(None, erreur)
        else:
            messages.success(request, "Les modifications sont enregistrées."
                             + (" Les personnes inscrites ou en liste d'attente en sont informées par e-mail."
                                if annoncee else ""))
            _avertir_si_jour_non_ouvre(request, session)
            return redirect("session", pk=session.pk)
    return render(request, "accompagnement/sessions/formulaire.html", {
        "formulaire": formulaire, "promotion": session.promotion, "session": session,
        "titre": f"Modifier « {session.titre} »",
        "fil_ariane": {"liens": _fil_coachs({"url": reverse("session", kwargs={"pk": session.pk}),
                                             "titre": session.titre}), "courant": "Modifier"},
    })


@login_required
@permission_required("accompagnement.gerer_sessions", raise_exception=True)
def session_annuler(request, pk):
    session = get_object_or_404(Session, pk=pk)
    if session.statut == Session.Statut.ANNULEE:
        messages.info(request, "Cette session est déjà annulée.")
        return redirect("session", pk=session.pk)
    formulaire = AnnulationForm(request.POST or None)
    if request.method == "POST" and formulaire.is_valid():
        try:
            services.session_annuler(session, motif=formulaire.cleaned_data["motif_annulation"], par=request.user)
        except ValidationError as erreur:
            _erreurs_en_messages(request, erreur)
        else:
            messages.success(request, f"La session « {session.titre} » est annulée ; les personnes inscrites sont "
                                      "prévenues.")
        return redirect("session", pk=session.pk)
    return render(request, "accompagnement/sessions/annulation.html", {
        "formulaire": formulaire, "session": session,
        "nombre_prevenus": session.inscriptions.filter(
            statut__in=[Inscription.Statut.INSCRITE, Inscription.Statut.ATTENTE]).count(),
        "fil_ariane": {"liens": _fil_coachs({"url": reverse("session", kwargs={"pk": session.pk}),
                                             "titre": session.titre}), "courant": "Annuler"},
    })


@login_required
@require_POST
@permission_required("accompagnement.gerer_sessions", raise_exception=True)
def session_supprimer(request, pk):
    session = get_object_or_404(Session, pk=pk)
    try:
        services.session_supprimer(session, par=request.user)
    except ValidationError as erreur:
        _erreurs_en_messages(request, erreur)
        return redirect("session", pk=session.pk)
    messages.success(request, f"La session en brouillon « {session.titre} » est supprimée.")
    return _suite(request, reverse("calendrier_planifie", kwargs={"promotion_pk": session.promotion_id}))


@login_required
@require_POST
@permission_required("accompagnement.gerer_sessions", raise_exception=True)
def session_publier(request, pk):
    session = get_object_or_404(Session, pk=pk)
    try:
        services.session_publier(session)
    except ValidationError as erreur:
        _erreurs_en_messages(request, erreur)
    else:
        messages.success(request, f"La session « {session.titre} » est publiée : les invités la voient.")
    return _suite(request, reverse("session", kwargs={"pk": session.pk}))


@login_required
@permission_required("accompagnement.gerer_sessions", raise_exception=True)
def session_emargement(request, pk):
    session = get_object_or_404(Session, pk=pk)
    inscriptions = list(session.inscriptions.filter(statut=Inscription.Statut.INSCRITE).select_related("personne"))
    formulaire = EmargementForm(request.POST or None, inscriptions=inscriptions)
    if request.method == "POST" and formulaire.is_valid():
        presents = services.presences_marquer(session, formulaire.cleaned_data["presents"])
        messages.success(request, f"Présences enregistrées : {presents} sur {len(inscriptions)}.")
        return redirect("session_emargement", pk=session.pk)
    return render(request, "accompagnement/sessions/emargement.html", {
        "formulaire": formulaire, "session": session, "inscriptions": inscriptions,
        "fil_ariane": {"liens": _fil_coachs({"url": reverse("session", kwargs={"pk": session.pk}),
                                             "titre": session.titre}), "courant": "Émargement"},
    })


@login_required
@permission_required("accompagnement.gerer_sessions", raise_exception=True)
def calendrier_planifier(request, promotion_pk):
    promotion = get_object_or_404(Promotion, pk=promotion_pk)
    if request.method == "POST":
        try:
            creees = planificateur.calendrier_planifier(promotion)
        except ValidationError as erreur:
            _erreurs_en_messages(request, erreur)
        else:
            if creees:
                messages.success(request, f"{_nombre(len(creees), 'session planifiée')} en brouillon : "
                                          "relisez-les, puis publiez le calendrier.")
            else:
                messages.info(request, "Le calendrier était déjà planifié : aucune session n'a été ajoutée.")
            return redirect("calendrier_planifie", promotion_pk=promotion.pk)
    return render(request, "accompagnement/sessions/planifier.html", {
        "integration_apres_debut_semaines": planificateur.INTEGRATION_APRES_DEBUT_SEMAINES,
        "acceleration_avant_fin_mois": planificateur.ACCELERATION_AVANT_FIN_MOIS,
        "promotion": promotion, "phases": promotion.phases.order_by("numero"),
        "nombre_defis": promotion.defis.count(),
        "fil_ariane": {"liens": _fil_coachs(), "courant": f"Planifier le calendrier de la {promotion}"},
    })


@login_required
@permission_required("accompagnement.gerer_sessions", raise_exception=True)
def calendrier_planifie(request, promotion_pk):
    promotion = get_object_or_404(Promotion, pk=promotion_pk)
    sessions = list(selecteurs.calendrier_planifie(promotion))
    return render(request, "accompagnement/sessions/calendrier.html", {
        "promotion": promotion, "sessions": sessions,
        "repartition": sorted(Counter(s.dispositif.nom for s in sessions).items()),
        "fil_ariane": {"liens": _fil_coachs(), "courant": "Calendrier planifié"},
    })


@login_required
@require_POST
@permission_required("accompagnement.gerer_sessions", raise_exception=True)
def calendrier_publier(request, promotion_pk):
    promotion = get_object_or_404(Promotion, pk=promotion_pk)
    nombre = services.calendrier_publier(promotion, par=request.user)
    messages.success(request, f"{_nombre(nombre, 'session publiée')} : les invités les voient et peuvent s'inscrire.")
    return redirect(f"{reverse('coach_sessions')}?promotion={promotion.pk}")
