"""A small OpenID Connect provider configured like ProConnect, built on Authlib's server and Flask, for the tests
and for a demonstration by hand.

Like ProConnect it publishes a discovery document and its keys (JWKS), serves the authorization code flow with a
required `nonce` and the `acr` asked in `acr_values`, answers userinfo with a JWT it signs (`application/jwt`), and
ends its session at `end_session_endpoint` (`id_token_hint`, `state`, `post_logout_redirect_uri`). Its login page
lists pre-seeded agents: choosing one is the whole authentication. It keeps its sessions on the server, so a test
can assert that a logout ended them.

A test can make it misbehave, one thing at a time (`Fournisseur.falsifier`, one of `FALSIFICATIONS`): sign with a
key it does not publish, put a wrong nonce, send an expired ID token or a lower acr than asked, answer userinfo in
JSON, unsigned or signed with an unknown key; and it can rotate its keys.

By hand (see the README):  python -m tests.oidc.fournisseur --port 5555
"""

import argparse
import secrets
import threading
import time
import warnings
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2 import OAuth2Error
from authlib.oauth2.rfc6749 import ClientMixin, grants
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from authlib.oidc.core.models import AuthorizationCodeMixin
from flask import Flask, Response, jsonify, make_response, redirect, request
from joserfc import jwt
from joserfc.errors import JoseError, SecurityWarning
from joserfc.jwk import KeySet, RSAKey
from markupsafe import escape
from werkzeug.serving import make_server

PORTEES = "openid email given_name usual_name uid siret"
COOKIE = "fournisseur_session"
FALSIFICATIONS = {"signature", "nonce", "expire", "acr", "userinfo_json", "userinfo_non_signe", "userinfo_signature"}


@dataclass
class Agent:
    """A public agent as ProConnect describes them."""

    sub: str
    email: str
    given_name: str
    usual_name: str
    uid: str = ""
    siret: str = "13002526500013"

    def revendications(self) -> dict:
        return {"sub": self.sub, "email": self.email, "given_name": self.given_name, "usual_name": self.usual_name,
                "uid": self.uid or self.sub, "siret": self.siret}


AGENTS_DE_TEST = [
    Agent("agent-porteuse", "porteuse@exemple.gouv.fr", "Paule", "Porteuse"),
    Agent("agent-sponsor", "sponsor@exemple.gouv.fr", "Simon", "Sponsor"),
    Agent("agent-inconnu", "inconnu@exemple.gouv.fr", "Ines", "Inconnue"),
]
# The demonstration's people (`manage.py seed_demo`), and one agent nobody invited.
AGENTS_DE_DEMONSTRATION = [
    Agent("demo-porteur", "porteur@magellan.test", "Porteur", "de la démonstration"),
    Agent("demo-sponsor", "sponsor@magellan.test", "Sponsor", "de la démonstration"),
    Agent("demo-coach", "coach@magellan.test", "Coach", "de la démonstration"),
    Agent("demo-inconnu", "agent.inconnu@exemple.gouv.fr", "Agent", "non invité"),
]


@dataclass
class Client(ClientMixin):
    client_id: str
    client_secret: str
    redirect_uris: list = field(default_factory=list)
    post_logout_redirect_uris: list = field(default_factory=list)

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return self.redirect_uris[0] if self.redirect_uris else None

    def get_allowed_scope(self, scope):
        return " ".join(p for p in (scope or "").split() if p in PORTEES.split())

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret):
        return secrets.compare_digest(client_secret, self.client_secret)

    def check_endpoint_auth_method(self, method, endpoint):
        # ProConnect's token endpoint takes the secret in the body.
        return endpoint != "token" or method == "client_secret_post"

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"


@dataclass
class CodeAutorisation(AuthorizationCodeMixin):
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    agent: Agent
    nonce: str | None
    acr: str
    cree: float = field(default_factory=time.time)

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return int(self.cree)

    def get_acr(self):
        return self.acr

    def get_amr(self):
        return ["pwd"]


class Fournisseur:
    """The provider's state: its keys, its client, its agents, codes, tokens and sessions, and what to falsify."""

    def __init__(self, agents=None, acr_par_defaut="eidas1"):
        self.agents_initiaux = list(agents or AGENTS_DE_TEST)
        self.agents = {agent.sub: replace(agent) for agent in self.agents_initiaux}
        self.acr_par_defaut = acr_par_defaut
        self.clients: dict[str, Client] = {}
        self.cles = [self._nouvelle_cle()]
        self.codes: dict[str, CodeAutorisation] = {}
        self.jetons: dict[str, tuple[Agent, str]] = {}
        self.sessions: dict[str, str] = {}
        self.deconnexions: list[dict] = []
        self.falsifier: str | None = None
        self.url = ""
        self.verrou = threading.Lock()

    @staticmethod
    def _nouvelle_cle():
        return RSAKey.generate_key(2048, {"kid": secrets.token_hex(8), "use": "sig", "alg": "RS256"})

    @property
    def cle(self):
        return self.cles[-1]

    def tourner_les_cles(self):
        """Publish a new signing key (the old one stays in the JWKS, as during a real rotation)."""
        self.cles.append(self._nouvelle_cle())

    def client_enregistrer(self, client_id, client_secret, redirect_uris, post_logout_redirect_uris):
        self.clients[client_id] = Client(client_id, client_secret, list(redirect_uris), list(post_logout_redirect_uris))

    def reinitialiser(self):
        """Between two tests: the agents as they were, no code, token or session, no misbehaviour, the first key
        only."""
        self.agents = {agent.sub: replace(agent) for agent in self.agents_initiaux}
        del self.cles[1:]
        self.codes.clear()
        self.jetons.clear()
        self.sessions.clear()
        self.deconnexions.clear()
        self.falsifier = None

    def signer(self, revendications: dict, *, cle=None) -> str:
        cle = cle or self.cle
        return jwt.encode({"alg": "RS256", "kid": cle.kid}, revendications, cle)

    def cle_de_signature(self):
        """The key the ID token is signed with: a key never published, under the published kid, when falsified."""
        if self.falsifier == "signature":
            intruse = RSAKey.generate_key(2048, {"kid": self.cle.kid})
            return intruse
        return self.cle


class OpenIDCodeFournisseur(OpenIDCode):
    def __init__(self, fournisseur: Fournisseur):
        super().__init__(require_nonce=True)
        self.fournisseur = fournisseur

    def exists_nonce(self, nonce, request):
        return any(code.nonce == nonce for code in self.fournisseur.codes.values())

    def resolve_client_private_key(self, client):
        return self.fournisseur.cle_de_signature()

    def get_client_algorithm(self, client):
        return "RS256"

    def get_encode_header(self, client):
        return {"alg": "RS256", "kid": self.fournisseur.cle.kid}

    def get_client_claims(self, client):
        maintenant = int(time.time())
        decalage = -7200 if self.fournisseur.falsifier == "expire" else 0
        return {"iss": self.fournisseur.url, "aud": [client.get_client_id()],
                "iat": maintenant + decalage, "exp": maintenant + decalage + 60}

    def get_authorization_code_claims(self, authorization_code):
        revendications = super().get_authorization_code_claims(authorization_code)
        if self.fournisseur.falsifier == "nonce":
            revendications["nonce"] = "un-autre-nonce"
        if self.fournisseur.falsifier == "acr":
            revendications["acr"] = "https://proconnect.gouv.fr/assurance/self-asserted"
        return revendications

    def generate_user_info(self, user, scope):
        # ProConnect's ID token names the agent (sub) and the level (acr); the rest is in userinfo.
        return UserInfo(sub=user.sub)


def application(fournisseur: Fournisseur) -> Flask:
    app = Flask(__name__)
    serveur = AuthorizationServer(
        app, query_client=fournisseur.clients.get,
        save_token=lambda jeton, req: fournisseur.jetons.__setitem__(jeton["access_token"], (req.user, jeton["scope"])),
    )

    class CodeGrant(grants.AuthorizationCodeGrant):
        TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_post"]

        def save_authorization_code(self, code, req):
            acr = (req.payload.data.get("acr_values") or fournisseur.acr_par_defaut).split()[0]
            fournisseur.codes[code] = CodeAutorisation(
                code, req.payload.client_id, req.payload.redirect_uri, req.payload.scope, req.user,
                req.payload.data.get("nonce"), acr)

        def query_authorization_code(self, code, client):
            trouve = fournisseur.codes.get(code)
            if trouve and trouve.client_id == client.get_client_id() and time.time() - trouve.cree < 60:
                return trouve

        def delete_authorization_code(self, authorization_code):
            fournisseur.codes.pop(authorization_code.code, None)

        def authenticate_user(self, authorization_code):
            return authorization_code.agent

    serveur.register_grant(CodeGrant, [OpenIDCodeFournisseur(fournisseur)])

    @app.get("/.well-known/openid-configuration")
    def decouverte():
        url = fournisseur.url
        return jsonify({
            "issuer": url,
            "authorization_endpoint": f"{url}/authorize",
            "token_endpoint": f"{url}/token",
            "userinfo_endpoint": f"{url}/userinfo",
            "end_session_endpoint": f"{url}/session/end",
            "jwks_uri": f"{url}/jwks",
            "scopes_supported": PORTEES.split(),
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "acr_values_supported": ["eidas1", "https://proconnect.gouv.fr/assurance/self-asserted"],
            "claims_parameter_supported": True,
            "id_token_signing_alg_values_supported": ["RS256"],
            "userinfo_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
        })

    @app.get("/jwks")
    def jwks():
        return jsonify(KeySet(fournisseur.cles).as_dict(private=False))

    def _agent_de_la_session():
        return fournisseur.agents.get(fournisseur.sessions.get(request.cookies.get(COOKIE, ""), ""))

    @app.route("/authorize", methods=["GET", "POST"])
    def autoriser():
        agent = _agent_de_la_session()
        if request.method == "POST":
            agent = fournisseur.agents.get(request.form.get("agent", ""))
            if agent is None:
                return Response("Agent inconnu.", status=400)
            jeton_session = secrets.token_urlsafe(24)
            fournisseur.sessions[jeton_session] = agent.sub
            reponse = serveur.create_authorization_response(grant_user=agent,
                                                             grant=serveur.get_consent_grant(end_user=agent))
            reponse.set_cookie(COOKIE, jeton_session, httponly=True, samesite="Lax")
            return reponse
        try:  # the client, redirect_uri, scope and nonce before anything else
            autorisation = serveur.get_consent_grant(end_user=agent)
        except OAuth2Error as erreur:
            return serveur.handle_error_response(None, erreur)
        if agent is not None:
            return serveur.create_authorization_response(grant_user=agent, grant=autorisation)
        choix = "".join(
            f'<p><label><input type="radio" name="agent" value="{escape(a.sub)}" required> '
            f"{escape(a.given_name)} {escape(a.usual_name)} ({escape(a.email)})</label></p>"
            for a in fournisseur.agents.values()
        )
        return make_response(
            '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Fournisseur d\'identité de test'
            '</title></head><body><main><h1>Fournisseur d\'identité de test</h1>'
            f'<form method="post" action="/authorize?{escape(request.query_string.decode())}"><fieldset>'
            f"<legend>Se connecter en tant que</legend>{choix}</fieldset>"
            '<button type="submit">Se connecter</button></form></main></body></html>'
        )

    @app.post("/token")
    def jeton():
        return serveur.create_token_response()

    @app.get("/userinfo")
    def userinfo():
        type_, _, valeur = request.headers.get("Authorization", "").partition(" ")
        trouve = fournisseur.jetons.get(valeur.strip()) if type_ == "Bearer" else None
        if trouve is None:
            return Response(status=401, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
        agent, _ = trouve
        client_id = next(iter(fournisseur.clients))
        revendications = {**agent.revendications(), "iss": fournisseur.url, "aud": client_id, "iat": int(time.time())}
        if fournisseur.falsifier == "userinfo_json":
            return jsonify(revendications)
        if fournisseur.falsifier == "userinfo_non_signe":
            with warnings.catch_warnings(category=SecurityWarning, action="ignore"):
                corps = jwt.encode({"alg": "none"}, revendications, None, algorithms=["none"])
        elif fournisseur.falsifier == "userinfo_signature":
            corps = fournisseur.signer(revendications, cle=RSAKey.generate_key(2048, {"kid": fournisseur.cle.kid}))
        else:
            corps = fournisseur.signer(revendications)
        return Response(corps, content_type="application/jwt")

    @app.get("/session/end")
    def fin_de_session():
        try:
            indice = jwt.decode(request.args.get("id_token_hint", ""), KeySet(fournisseur.cles)).claims
        except (JoseError, ValueError):
            return Response("id_token_hint invalide.", status=400)
        client = fournisseur.clients.get(indice.get("aud", [""])[0] if isinstance(indice.get("aud"), list)
                                         else indice.get("aud", ""))
        retour = request.args.get("post_logout_redirect_uri", "")
        if client is None or retour not in client.post_logout_redirect_uris:
            return Response("post_logout_redirect_uri non enregistrée.", status=400)
        for cle_session, sub in list(fournisseur.sessions.items()):
            if sub == indice["sub"]:
                del fournisseur.sessions[cle_session]
        fournisseur.deconnexions.append({"sub": indice["sub"], "state": request.args.get("state")})
        reponse = redirect(f"{retour}?{urlencode({'state': request.args.get('state', '')})}")
        reponse.delete_cookie(COOKIE)
        return reponse

    return app


class ServeurFournisseur:
    """The provider served by werkzeug in a thread, on a free port of 127.0.0.1."""

    def __init__(self, fournisseur: Fournisseur, hote="127.0.0.1", port=0):
        self.fournisseur = fournisseur
        self.serveur = make_server(hote, port, application(fournisseur), threaded=True)
        fournisseur.url = f"http://{hote}:{self.serveur.server_port}"
        self.fil = threading.Thread(target=self.serveur.serve_forever, daemon=True)

    def __enter__(self):
        self.fil.start()
        return self.fournisseur

    def __exit__(self, *exc):
        self.serveur.shutdown()
        self.fil.join()


def main():
    parser = argparse.ArgumentParser(description="Fournisseur OpenID Connect de démonstration, configuré comme "
                                                 "ProConnect.")
    parser.add_argument("--port", type=int, default=5555)
    parser.add_argument("--client-id", default="magellan")
    parser.add_argument("--client-secret", default="secret-de-demonstration")
    parser.add_argument("--magellan", default="http://127.0.0.1:8000", help="adresse de Magellan")
    arguments = parser.parse_args()
    fournisseur = Fournisseur(AGENTS_DE_DEMONSTRATION)
    fournisseur.client_enregistrer(
        arguments.client_id, arguments.client_secret, [f"{arguments.magellan}/comptes/proconnect/retour/"],
        [f"{arguments.magellan}/comptes/proconnect/deconnexion/"],
    )
    with ServeurFournisseur(fournisseur, port=arguments.port) as lance:
        print(f"Fournisseur d'identité de démonstration sur {lance.url}. Lancez Magellan avec :\n"
              f"  PROCONNECT_CLIENT_ID={arguments.client_id} PROCONNECT_CLIENT_SECRET={arguments.client_secret} "
              f"PROCONNECT_DISCOVERY_URL={lance.url}/.well-known/openid-configuration make run\n"
              "Agents : " + ", ".join(a.email for a in fournisseur.agents.values()) + "\nCtrl+C pour arrêter.")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
