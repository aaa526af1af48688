"""The OpenID Connect client for ProConnect, on Authlib.

Authlib keeps `state` and `nonce` in the session, exchanges the code, and checks the ID token's signature, issuer,
audience, nonce and expiry against the provider's JWKS, fetching the keys again when a token names an unknown
`kid` (key rotation). ProConnect answers userinfo with a signed JWT (`application/jwt`) that a stock client
would read as JSON: `userinfo_verifier` checks it against the same keys before any claim is read.
"""

from functools import lru_cache

from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry

PORTEES = "openid email given_name usual_name uid siret"


class ReponseProConnectInvalide(Exception):
    """What ProConnect (or someone in between) sent cannot be trusted."""


def proconnect_actif() -> bool:
    """ProConnect is offered only when Magellan is registered with it (client id and secret, provider)."""
    return all((settings.PROCONNECT_CLIENT_ID, settings.PROCONNECT_CLIENT_SECRET, settings.PROCONNECT_DISCOVERY_URL))


def client():
    """The Authlib client for the current settings (one per configuration, so its cached keys are kept)."""
    return _client(settings.PROCONNECT_CLIENT_ID, settings.PROCONNECT_CLIENT_SECRET, settings.PROCONNECT_DISCOVERY_URL)


@lru_cache(maxsize=4)
def _client(client_id, client_secret, adresse_decouverte):
    oauth = OAuth()
    return oauth.register(
        "proconnect",
        client_id=client_id,
        client_secret=client_secret,
        server_metadata_url=adresse_decouverte,
        client_kwargs={"scope": PORTEES, "token_endpoint_auth_method": "client_secret_post", "timeout": 10},
    )


def acr_attendus() -> list[str]:
    return settings.PROCONNECT_ACR_VALUES.split()


def options_du_jeton(fournisseur) -> dict:
    """What the ID token must claim: this issuer, and one of the configured levels (acr) when some are asked."""
    options = {"iss": {"essential": True, "values": [fournisseur.load_server_metadata()["issuer"]]}}
    if acr_attendus():
        options["acr"] = {"essential": True, "values": acr_attendus()}
    return options


def jetons_obtenir(request, fournisseur) -> dict:
    """Exchange the code of the callback for tokens; the ID token is required and verified (its claims in
    `userinfo`)."""
    try:
        jetons = fournisseur.authorize_access_token(request, claims_options=options_du_jeton(fournisseur))
    except (OAuthError, JoseError, ValueError, KeyError) as erreur:
        raise ReponseProConnectInvalide(f"échange du code ou jeton d'identité refusé : {erreur!r}") from erreur
    if not jetons.get("userinfo"):
        raise ReponseProConnectInvalide("la réponse ne contient pas de jeton d'identité vérifié")
    return jetons


def _decoder(fournisseur, jeton: str, algorithmes):
    registre = JWSRegistry(algorithms=algorithmes)
    try:
        return jwt.decode(jeton, KeySet.import_key_set(fournisseur.fetch_jwk_set()), registry=registre)
    except InvalidKeyIdError:
        return jwt.decode(jeton, KeySet.import_key_set(fournisseur.fetch_jwk_set(force=True)), registry=registre)


def userinfo_verifier(fournisseur, jetons: dict) -> dict:
    """The userinfo claims, read only after the signed JWT that carries them is verified: signature against the
    provider's keys, issuer, audience (this client) and the same `sub` as the ID token. JSON is refused."""
    metadonnees = fournisseur.load_server_metadata()
    reponse = fournisseur.get(metadonnees["userinfo_endpoint"], token=jetons)
    if reponse.status_code != 200:
        raise ReponseProConnectInvalide(f"userinfo a répondu {reponse.status_code}")
    if reponse.headers.get("Content-Type", "").split(";")[0].strip() != "application/jwt":
        raise ReponseProConnectInvalide(f"userinfo n'est pas un JWT signé ({reponse.headers.get('Content-Type')})")
    algorithmes = metadonnees.get("userinfo_signing_alg_values_supported") or ["RS256", "ES256"]
    algorithmes = [a for a in algorithmes if a != "none"]
    try:
        revendications = _decoder(fournisseur, reponse.text.strip(), algorithmes).claims
    except (JoseError, ValueError) as erreur:
        raise ReponseProConnectInvalide(f"signature de userinfo refusée : {erreur!r}") from erreur
    audience = revendications.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if revendications.get("iss") != metadonnees["issuer"] or fournisseur.client_id not in audiences:
        raise ReponseProConnectInvalide("userinfo n'est pas adressé à Magellan par ce fournisseur")
    if revendications.get("sub") != jetons["userinfo"]["sub"]:
        raise ReponseProConnectInvalide("userinfo ne parle pas de la même personne que le jeton d'identité")
    return revendications
