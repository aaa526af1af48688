"""Login and logout with ProConnect, beside the login by code.

Login: `connexion` sends the agent to ProConnect (state, nonce, acr_values), `retour` checks what comes back and
opens the session of the invited person. Logout: `Deconnexion` ends Magellan's session, then sends the browser to
ProConnect's (end_session_endpoint with id_token_hint, state and the return address); `deconnexion_retour` checks
that state.
"""

import logging

from allauth.account.views import LogoutView
from authlib.integrations.base_client import OAuthError
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME, login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from requests import RequestException

from .client import ReponseProConnectInvalide, acr_attendus, client, jetons_obtenir, proconnect_actif, userinfo_verifier
from .services import AgentNonInvite, ConflitProConnect, agent_identifier

journal = logging.getLogger(__name__)

# The ID token, kept for the logout's id_token_hint; the page asked before the login (?next=), to land on after.
CLE_JETON = "proconnect_id_token"
CLE_SUIVANT = "proconnect_suivant"
MOTEUR = "programme.authentification.SessionSansPermissions"


def _exiger_proconnect():
    if not proconnect_actif():
        raise Http404("ProConnect n'est pas configuré.")


@never_cache
def connexion(request):
    """Send the agent to ProConnect's authorization endpoint, remembering the page of this site they asked for."""
    _exiger_proconnect()
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    suivant = request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(suivant, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        request.session[CLE_SUIVANT] = suivant
    else:
        request.session.pop(CLE_SUIVANT, None)
    parametres = {"acr_values": " ".join(acr_attendus())} if acr_attendus() else {}
    try:
        return client().authorize_redirect(request, request.build_absolute_uri(reverse("proconnect_retour")),
                                           **parametres)
    except RequestException as erreur:
        journal.error("ProConnect : fournisseur injoignable (%r).", erreur)
        return render(request, "proconnect/indisponible.html", status=503)


@never_cache
def retour(request):
    """The agent comes back from ProConnect: verify everything, then sign in the invited person it names."""
    _exiger_proconnect()
    fournisseur = client()
    try:
        jetons = jetons_obtenir(request, fournisseur)
        agent = userinfo_verifier(fournisseur, jetons)
    except ReponseProConnectInvalide as erreur:
        journal.warning("ProConnect : connexion refusée, %s", erreur)
        return render(request, "proconnect/echec.html", status=400)
    except RequestException as erreur:
        journal.error("ProConnect : fournisseur injoignable au retour (%r).", erreur)
        return render(request, "proconnect/indisponible.html", status=503)
    try:
        personne = agent_identifier(agent["sub"], agent.get("email", ""))
    except AgentNonInvite:
        return render(request, "proconnect/non_invite.html", {"email": agent.get("email", "")}, status=403)
    except ConflitProConnect:
        return render(request, "proconnect/conflit.html", status=403)
    if not personne.is_active:
        return redirect("account_inactive")
    suivant = request.session.pop(CLE_SUIVANT, None)
    login(request, personne, backend=MOTEUR)
    request.session[CLE_JETON] = jetons["id_token"]
    return redirect(suivant or settings.LOGIN_REDIRECT_URL)


class Deconnexion(LogoutView):
    """allauth's logout; after a ProConnect login, ProConnect's session is ended too.

    The browser is sent to ProConnect by a page that refreshes to it, not by a redirect: the logout is a form, and
    the CSP (`form-action 'self'`) forbids a form's redirect chain to leave the site.
    """

    def post(self, *args, **kwargs):
        jeton = self.request.session.get(CLE_JETON)
        if not jeton or not proconnect_actif():
            return super().post(*args, **kwargs)
        self.logout()
        try:
            vers_proconnect = client().logout_redirect(
                self.request, self.request.build_absolute_uri(reverse("proconnect_deconnexion_retour")),
                id_token_hint=jeton,
            )
        except RequestException as erreur:
            # Magellan's session is over all the same; ProConnect's ends with its own expiry.
            journal.error("ProConnect : fournisseur injoignable à la déconnexion (%r).", erreur)
            return redirect(settings.ACCOUNT_LOGOUT_REDIRECT_URL)
        reponse = render(self.request, "proconnect/sortie.html", {"adresse": vers_proconnect["Location"]})
        add_never_cache_headers(reponse)
        return reponse


deconnexion = Deconnexion.as_view()


@never_cache
def deconnexion_retour(request):
    """Back from ProConnect's logout: the state must be the one sent (else logged); then the home page, where the
    person, logged out of Magellan already, lands either way."""
    _exiger_proconnect()
    try:
        client().validate_logout_response(request)
    except OAuthError as erreur:
        journal.warning("ProConnect : retour de déconnexion sans l'état attendu (%r).", erreur)
    return redirect("accueil")
