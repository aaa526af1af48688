"""allauth: nobody signs up alone (coaches invite), login e-mails speak French, limits count real clients."""

import ipaddress

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


def adresse_client(request) -> str:
    """The client's address behind the configured number of trusted reverse proxies (TRUSTED_PROXY_COUNT).

    Each trusted proxy appends the address it received the request from to X-Forwarded-For, so the client is
    the N-th entry from the right; anything to its left was written by the client and is ignored. Without a
    trusted proxy, or when the header is shorter than announced (a request that bypassed the proxies), the
    socket's address is the only one that cannot be forged.
    """
    nombre = settings.TRUSTED_PROXY_COUNT
    adresses = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",") if a.strip()]
    candidate = adresses[-nombre] if nombre and len(adresses) >= nombre else request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return request.META.get("REMOTE_ADDR") or "0.0.0.0"


class AdaptateurCompte(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": (
            "Trop de demandes de connexion en peu de temps, pour cette adresse électronique ou depuis votre "
            "réseau. Par sécurité, patientez quelques minutes avant de réessayer."
        ),
    }

    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        return adresse_client(request)
