"""Pages of the accompagnement: agenda.

The personal agenda (a month, a list), the page to subscribe to its iCalendar feed, the feed itself
(behind its secret link, no login) and the .ics of one session.
"""

import datetime
import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_safe

from programme.dates import mois_lu, moments_lisibles, premier_du_mois

from .. import crochets
from ..models import Session
from ..selectors import agenda as selecteurs
from ..selectors.agenda_ical import calendrier_ical
from ..services import agenda as services

# The new link goes through the session once, from the POST to the page that shows it.
CLE_LIEN_NEUF = "agenda_lien_neuf"


def _fil_agenda():
    return {"url": reverse("agenda"), "titre": "Mon agenda"}


def _verifier(request):
    if not request.user.has_perm("accompagnement.voir_agenda"):
        raise PermissionDenied("L'agenda est celui d'une personne connectée.")


@login_required
def agenda(request):
    _verifier(request)
    aujourdhui = timezone.localdate()
    # An absent, malformed or out-of-bounds month shows this month.
    mois = selecteurs.agenda_du_mois(request.user, mois_lu(request.GET.get("mois")) or premier_du_mois(aujourdhui),
                                     aujourdhui)
    return render(request, "accompagnement/agenda/mois.html", {
        "agenda": mois, "vue": "mois", "fil_ariane": {"courant": "Mon agenda"},
    })


@login_required
def agenda_liste(request):
    _verifier(request)
    return render(request, "accompagnement/agenda/liste.html", {
        "evenements": selecteurs.evenements_a_venir(request.user), "vue": "liste",
        "fil_ariane": {"liens": [_fil_agenda()], "courant": "À venir"},
    })


def _lien_du_flux(jeton):
    return settings.SITE_URL.rstrip("/") + reverse("agenda_ical", kwargs={"jeton": jeton})


@login_required
@require_http_methods(["GET", "POST"])
def agenda_abonnement(request):
    _verifier(request)
    if request.method == "POST":
        request.session[CLE_LIEN_NEUF] = services.jeton_agenda_regenerer(request.user)
        messages.success(request, "Votre nouveau lien d'abonnement est prêt : l'ancien ne fonctionne plus.")
        return redirect("agenda_abonnement")
    jeton = request.session.pop(CLE_LIEN_NEUF, None) or services.jeton_agenda_creer(request.user)
    lien = _lien_du_flux(jeton) if jeton else None
    return render(request, "accompagnement/agenda/abonnement.html", {
        "lien": lien,
        "lien_webcal": re.sub(r"^https?://", "webcal://", lien) if lien else None,
        "jeton_agenda": None if lien else selecteurs.jeton_agenda_de(request.user),
        "vue": "abonnement",
        "fil_ariane": {"liens": [_fil_agenda()], "courant": "S'abonner"},
    })


def _reponse_ical(contenu, nom_fichier=None):
    reponse = HttpResponse(contenu, content_type="text/calendar; charset=utf-8")
    if nom_fichier:
        reponse["Content-Disposition"] = f'attachment; filename="{nom_fichier}"'
    reponse["Cache-Control"] = "private, no-store"
    return reponse


@require_safe
def agenda_ical(request, jeton):
    personne = selecteurs.personne_du_jeton(jeton)
    if personne is None:
        raise Http404("Ce lien d'agenda n'existe pas ou a été régénéré.")
    crochets.flux_agenda_lu.send(sender=agenda_ical, personne=personne)
    debut, fin = selecteurs.fenetre_du_flux()
    evenements = selecteurs.evenements_de(personne, debut, fin)
    return _reponse_ical(calendrier_ical(
        evenements, nom=f"Magellan — agenda de {personne}", debut=debut, fin=fin,
    ))


@login_required
@require_safe
def session_ics(request, pk):
    session = get_object_or_404(Session.objects.filter(moments_lisibles()).select_related("dispositif"), pk=pk)
    if not request.user.has_perm("accompagnement.voir_session", session):
        raise Http404("Cette session n'existe pas ou ne vous concerne pas.")
    evenement = selecteurs.evenement_de_session_pour(session, request.user)
    marge = datetime.timedelta(days=183)
    contenu = calendrier_ical([evenement], nom=session.titre, debut=session.debut - marge, fin=session.fin + marge)
    return _reponse_ical(contenu, f"{slugify(session.titre) or 'session'}.ics")
