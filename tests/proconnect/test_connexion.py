"""Login and logout with ProConnect, against the ProConnect-like provider running during the tests
(tests/oidc/fournisseur.py): Magellan talks to it over HTTP, the test plays the browser at the provider."""

import html
import logging
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from proconnect.client import PORTEES
from proconnect.models import LienProConnect
from programme.factories import CoachFactory, PersonneFactory
from tests.oidc.fixtures import CLIENT_ID, NavigateurDuFournisseur, chemin, parametres
from tests.oidc.fournisseur import FALSIFICATIONS

pytestmark = pytest.mark.django_db


def _se_connecter(client, sub, navigateur=None):
    """Click the button, choose the agent `sub` at the provider, come back: Magellan's last answer."""
    navigateur = navigateur or NavigateurDuFournisseur()
    depart = client.get("/comptes/proconnect/connexion/")
    assert depart.status_code == 302
    retour = navigateur.autoriser(depart["Location"], sub)
    return client.get(chemin(retour))


def _connecte(client):
    return client.session.get("_auth_user_id")


@pytest.fixture
def porteuse(db):
    """The invited person whose address the provider's agent `agent-porteuse` has (written differently)."""
    return PersonneFactory(email="Porteuse@Exemple.gouv.fr", prenom="Paule")


def test_sans_les_variables_rien_de_proconnect_ne_parait(client, settings):
    """Without the ProConnect variables, the login page has no ProConnect button and its pages do not exist."""
    settings.PROCONNECT_CLIENT_ID = ""
    page = client.get("/comptes/login/code/")
    assert page.status_code == 200
    assert "ProConnect" not in page.content.decode()
    assert "Recevoir un code de connexion" in page.content.decode()
    assert client.get("/comptes/proconnect/connexion/").status_code == 404
    assert client.get("/comptes/proconnect/retour/?code=x&state=y").status_code == 404


def test_la_page_de_connexion_montre_le_bouton_proconnect(client, proconnect):
    """With the variables set, the login page shows ProConnect's button and its link, beside the code login."""
    contenu = client.get("/comptes/login/code/").content.decode()
    assert 'class="fr-connect fr-connect--pro" href="/comptes/proconnect/connexion/"' in contenu
    assert "S’identifier avec</span>" in contenu and '<span class="fr-connect__brand">ProConnect</span>' in contenu
    assert ('href="https://www.proconnect.gouv.fr/" target="_blank" rel="noopener" '
            'title="Qu’est-ce que ProConnect ? - nouvelle fenêtre"') in contenu
    assert "/static/proconnect.css" in contenu
    assert "Recevoir un code de connexion" in contenu


def test_le_depart_vers_proconnect_porte_state_nonce_portees_et_acr(client, proconnect):
    """The authorization request is a code flow with state and nonce, ProConnect's scopes and the configured acr."""
    depart = client.get("/comptes/proconnect/connexion/")
    assert depart["Location"].startswith(f"{proconnect.url}/authorize?")
    demande = parametres(depart["Location"])
    assert demande["response_type"] == "code"
    assert demande["client_id"] == CLIENT_ID
    assert demande["scope"] == PORTEES == "openid email given_name usual_name uid siret"
    assert demande["acr_values"] == "eidas1"
    assert demande["redirect_uri"] == "http://testserver/comptes/proconnect/retour/"
    assert len(demande["state"]) >= 20 and len(demande["nonce"]) >= 20


def test_un_agent_invite_entre_dans_son_compte_lie_par_son_sub(client, proconnect, porteuse):
    """An agent whose ProConnect address is an invited person's lands in their espace; the link is kept by sub."""
    reponse = _se_connecter(client, "agent-porteuse")
    assert reponse.status_code == 302 and reponse["Location"] == "/espace/"
    assert _connecte(client) == str(porteuse.pk)
    assert LienProConnect.objects.get(personne=porteuse).sub == "agent-porteuse"
    assert "Mon espace" in client.get("/espace/").content.decode()


def test_la_connexion_suivante_suit_le_sub_et_non_l_adresse(client, proconnect, porteuse):
    """Once linked, the sub decides: an address changed at ProConnect to another person's opens the linked account,
    never the other person's."""
    _se_connecter(client, "agent-porteuse")
    autre = PersonneFactory(email="quelquun@exemple.gouv.fr")
    proconnect.agents["agent-porteuse"].email = autre.email
    client.logout()
    reponse = _se_connecter(client, "agent-porteuse")
    assert reponse["Location"] == "/espace/"
    assert _connecte(client) == str(porteuse.pk)
    assert not LienProConnect.objects.filter(personne=autre).exists()


def test_un_agent_non_invite_apprend_comment_etre_invite_sans_compte_cree(client, proconnect, porteuse):
    """An agent nobody invited gets a French page saying how to be invited; no account is created."""
    nombre = get_user_model().objects.count()
    reponse = _se_connecter(client, "agent-inconnu")
    assert reponse.status_code == 403
    contenu = reponse.content.decode()
    assert "n'est pas encore invité" in contenu and "inconnu@exemple.gouv.fr" in contenu
    assert "écrivez aux coachs du programme" in contenu
    assert get_user_model().objects.count() == nombre
    assert not LienProConnect.objects.exists()
    assert _connecte(client) is None


def test_une_adresse_deja_liee_a_un_autre_sub_est_refusee_et_journalisee(client, proconnect, porteuse, caplog):
    """The address of a person already linked to another ProConnect identity: refused, logged, nobody logged in."""
    LienProConnect.objects.create(personne=porteuse, sub="une-autre-identite")
    with caplog.at_level(logging.WARNING, logger="proconnect"):
        reponse = _se_connecter(client, "agent-porteuse")
    assert reponse.status_code == 403
    assert "déjà liée à un autre compte ProConnect" in reponse.content.decode()
    assert _connecte(client) is None
    assert LienProConnect.objects.get(personne=porteuse).sub == "une-autre-identite"
    assert any("déjà liée" in r.getMessage() and "une-autre-identite" in r.getMessage() for r in caplog.records)


def test_apres_un_conflit_un_coach_defait_le_lien_et_l_agent_entre(client, proconnect, porteuse):
    """A coach deletes the old link in the admin (the conflict page sends the agent to them): at their next
    ProConnect login the agent enters and is linked to their own identity."""
    lien = LienProConnect.objects.create(personne=porteuse, sub="une-autre-identite")
    coach = Client()
    coach.force_login(CoachFactory())
    assert coach.post(f"/admin/proconnect/lienproconnect/{lien.pk}/delete/", {"post": "yes"}).status_code == 302
    reponse = _se_connecter(client, "agent-porteuse")
    assert reponse["Location"] == "/espace/"
    assert LienProConnect.objects.get(personne=porteuse).sub == "agent-porteuse"


def test_un_compte_desactive_ne_s_ouvre_pas(client, proconnect, porteuse):
    """A deactivated person linked to the agent is sent to the inactive account page, not logged in."""
    porteuse.is_active = False
    porteuse.save()
    reponse = _se_connecter(client, "agent-porteuse")
    assert reponse["Location"] == "/comptes/inactive/"
    assert _connecte(client) is None


REFUS = [
    ("signature", "bad_signature"),  # ID token signed with a key the provider does not publish
    ("nonce", "Invalid claim: 'nonce'"),  # ID token for another nonce
    ("expire", "The token is expired"),  # ID token expired (beyond the allowed clock skew)
    ("acr", "Invalid claim: 'acr'"),  # ID token of a lower level than the one asked
    ("userinfo_json", "n'est pas un JWT signé (application/json)"),  # userinfo in plain JSON
    ("userinfo_non_signe", "Algorithm of 'none' is not allowed"),  # userinfo JWT with alg "none"
    ("userinfo_signature", "signature de userinfo refusée : BadSignatureError"),  # userinfo signed by an unknown key
]


def test_chaque_falsification_du_fournisseur_est_essayee():
    """Every way the test provider can misbehave has its case below."""
    assert {falsification for falsification, _ in REFUS} == FALSIFICATIONS


@pytest.mark.parametrize("falsification, raison", REFUS)
def test_une_reponse_falsifiee_est_refusee(client, proconnect, porteuse, caplog, falsification, raison):
    """Whatever in the provider's answer cannot be verified, nobody is logged in, nothing is linked, and the reason
    is logged."""
    proconnect.falsifier = falsification
    with caplog.at_level(logging.WARNING, logger="proconnect"):
        reponse = _se_connecter(client, "agent-porteuse")
    assert reponse.status_code == 400
    assert "n'a pas abouti" in reponse.content.decode()
    assert _connecte(client) is None
    assert not LienProConnect.objects.exists()
    assert any("connexion refusée" in r.getMessage() and raison in r.getMessage() for r in caplog.records)


def test_un_retour_sans_l_etat_envoye_est_refuse(client, proconnect, porteuse):
    """A callback whose state is not the one this browser was sent with (forged or replayed) logs nobody in."""
    depart = client.get("/comptes/proconnect/connexion/")
    retour = NavigateurDuFournisseur().autoriser(depart["Location"], "agent-porteuse")
    falsifie = chemin(retour).replace(f"state={parametres(retour)['state']}", "state=etat-falsifie")
    assert client.get(falsifie).status_code == 400
    assert _connecte(client) is None


def test_les_cles_du_fournisseur_tournent_sans_couper_la_connexion(client, proconnect, porteuse):
    """When ProConnect signs with a new key, Magellan fetches the keys again and the login goes on."""
    _se_connecter(client, "agent-porteuse")
    client.logout()
    proconnect.tourner_les_cles()
    reponse = _se_connecter(client, "agent-porteuse")
    assert reponse["Location"] == "/espace/"
    assert _connecte(client) == str(porteuse.pk)


def test_la_deconnexion_termine_la_session_magellan_puis_celle_de_proconnect(client, proconnect, porteuse):
    """Logging out ends Magellan's session, then sends the browser to end ProConnect's (id_token_hint, state, return
    address), which comes back to the home page."""
    navigateur = NavigateurDuFournisseur()
    _se_connecter(client, "agent-porteuse", navigateur)
    assert list(proconnect.sessions.values()) == ["agent-porteuse"]

    page = client.post("/comptes/logout/")
    assert _connecte(client) is None
    assert page.status_code == 200 and "Votre session sur Magellan est terminée" in page.content.decode()
    adresse = html.unescape(re.search(r'http-equiv="refresh" content="0;url=([^"]+)"', page.content.decode())[1])
    assert adresse.startswith(f"{proconnect.url}/session/end?")
    demande = parametres(adresse)
    assert demande["post_logout_redirect_uri"] == "http://testserver/comptes/proconnect/deconnexion/"
    assert demande["id_token_hint"].count(".") == 2 and len(demande["state"]) >= 20

    retour = navigateur.suivre(adresse)
    assert proconnect.sessions == {}
    assert proconnect.deconnexions == [{"sub": "agent-porteuse", "state": demande["state"]}]
    arrivee = client.get(chemin(retour))
    assert arrivee.status_code == 302 and arrivee["Location"] == "/"


def test_apres_une_connexion_par_code_la_deconnexion_reste_dans_magellan(client, proconnect, porteuse):
    """A person who did not come through ProConnect logs out of Magellan only, back to the home page."""
    client.force_login(porteuse)
    reponse = client.post("/comptes/logout/")
    assert reponse["Location"] == "/"
    assert _connecte(client) is None
    assert proconnect.deconnexions == []


def test_un_retour_de_deconnexion_sans_l_etat_envoye_est_journalise(client, proconnect, caplog):
    """Back from ProConnect's logout with a state this browser was not given: logged, and the home page all the
    same (the person is logged out of Magellan already)."""
    with caplog.at_level(logging.WARNING, logger="proconnect"):
        reponse = client.get("/comptes/proconnect/deconnexion/?state=etat-inconnu")
    assert reponse.status_code == 302 and reponse["Location"] == "/"
    assert any("sans l'état attendu" in r.getMessage() for r in caplog.records)


INJOIGNABLE = "http://127.0.0.1:9/.well-known/openid-configuration"


def test_un_fournisseur_injoignable_laisse_la_connexion_par_code(client, proconnect, settings, caplog):
    """ProConnect down: the button leads to a French page offering the code login instead; the error is logged."""
    settings.PROCONNECT_DISCOVERY_URL = INJOIGNABLE
    with caplog.at_level(logging.ERROR, logger="proconnect"):
        reponse = client.get("/comptes/proconnect/connexion/")
    assert reponse.status_code == 503
    assert "ProConnect ne répond pas" in reponse.content.decode()
    assert "/comptes/login/code/" in reponse.content.decode()
    assert any("injoignable" in r.getMessage() for r in caplog.records)


def test_la_deconnexion_aboutit_meme_si_proconnect_ne_repond_plus(client, proconnect, porteuse, settings):
    """ProConnect down at logout: Magellan's session ends all the same, and the person lands on the home page."""
    _se_connecter(client, "agent-porteuse")
    settings.PROCONNECT_DISCOVERY_URL = INJOIGNABLE
    reponse = client.post("/comptes/logout/")
    assert reponse.status_code == 302 and reponse["Location"] == "/"
    assert _connecte(client) is None


def test_l_agent_arrive_sur_la_page_qu_il_demandait(client, proconnect, porteuse):
    """Sent to log in from a page of Magellan, the agent comes back to that page after ProConnect."""
    page = client.get("/comptes/login/code/?next=/defis/")
    assert 'href="/comptes/proconnect/connexion/?next=/defis/"' in page.content.decode()
    depart = client.get("/comptes/proconnect/connexion/?next=/defis/")
    reponse = client.get(chemin(NavigateurDuFournisseur().autoriser(depart["Location"], "agent-porteuse")))
    assert reponse["Location"] == "/defis/"


def test_une_page_suivante_hors_du_site_est_ignoree(client, proconnect, porteuse):
    """A ?next= to another site is not followed after the login: the agent lands in their espace."""
    depart = client.get("/comptes/proconnect/connexion/?next=https://ailleurs.example/piege")
    reponse = client.get(chemin(NavigateurDuFournisseur().autoriser(depart["Location"], "agent-porteuse")))
    assert reponse["Location"] == "/espace/"
