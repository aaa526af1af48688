"""The production settings pass Django's deployment check; rate limits count real clients in the shared cache;
every page carries a strict Content-Security-Policy."""

import os
import secrets
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.test import Client, RequestFactory

from programme.adapters import adresse_client
from programme.factories import CoachFactory
from tests.processus import environnement_du_projet

RACINE = Path(__file__).resolve().parents[2]
LIMITES_DE_PRODUCTION = {
    "request_login_code": "20/m/ip,3/m/key", "login": "30/m/ip", "login_failed": "10/m/ip,5/5m/key",
}
MESSAGE_LIMITE = "Trop de demandes de connexion en peu de temps"


def _environnement_de_production(**autres):
    return environnement_du_projet(**{"DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50),
                                      "ALLOWED_HOSTS": "magellan.numerique.gouv.fr", **autres})


def test_la_verification_de_deploiement_de_django_est_propre_en_production():
    """`manage.py check --deploy` with the production settings reports nothing, not even a warning."""
    resultat = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=RACINE, env=_environnement_de_production(), capture_output=True, text=True, timeout=120,
    )
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    assert "no issues" in resultat.stdout


def test_la_verification_de_deploiement_signale_une_cle_faible():
    """The same check fails when the secret key is a weak one: the clean result above is not a given."""
    resultat = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=RACINE, env=_environnement_de_production(SECRET_KEY="courte"), capture_output=True, text=True,
        timeout=120,
    )
    assert resultat.returncode != 0
    assert "security.W009" in resultat.stdout + resultat.stderr


@pytest.mark.django_db
def test_chaque_page_porte_une_politique_de_securite_du_contenu_stricte(client):
    """The CSP allows nothing inline (styles or scripts) and nothing from another site; the nonce is per page."""
    premiere = client.get("/")["Content-Security-Policy"]
    seconde = client.get("/defis/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in premiere.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["script-src"].startswith("'self' 'nonce-")
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in premiere and "unsafe-eval" not in premiere
    assert premiere != seconde


@pytest.mark.django_db
def test_le_script_du_dsfr_porte_le_nonce_de_la_page(client):
    """The only script of a page, the DSFR's, is served from here with the nonce the CSP announces."""
    reponse = client.get("/")
    nonce = reponse["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in reponse.content.decode()
    assert 'integrity="sha384-' in reponse.content.decode()


@pytest.mark.parametrize("proxies,transmis,socket_,attendu", [
    (0, "198.51.100.1", "10.0.0.2", "10.0.0.2"),
    (1, "198.51.100.1", "10.0.0.2", "198.51.100.1"),
    (1, "6.6.6.6, 198.51.100.1", "10.0.0.2", "198.51.100.1"),
    (2, "6.6.6.6, 198.51.100.1, 10.0.0.3", "10.0.0.2", "198.51.100.1"),
    (2, "198.51.100.1", "10.0.0.2", "10.0.0.2"),
    (1, "pas-une-adresse", "10.0.0.2", "10.0.0.2"),
    (1, "", "10.0.0.2", "10.0.0.2"),
])
def test_l_adresse_du_client_est_lue_derriere_les_mandataires_de_confiance(settings, proxies, transmis, socket_,
                                                                           attendu):
    """Behind N trusted proxies the client is the N-th address from the right of X-Forwarded-For; what a client
    writes to the left is ignored, and a header shorter than announced falls back to the socket."""
    settings.TRUSTED_PROXY_COUNT = proxies
    requete = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=transmis, REMOTE_ADDR=socket_)
    assert adresse_client(requete) == attendu


def _demander_un_code(email, adresse):
    """A request from a browser without cookies (a script's), through the reverse proxy at 10.0.0.2."""
    return Client().post("/comptes/login/code/", {"email": email}, HTTP_X_FORWARDED_FOR=adresse,
                       REMOTE_ADDR="10.0.0.2")


@pytest.mark.django_db
def test_des_demandes_en_rafale_n_empechent_pas_les_autres_de_se_connecter(settings):
    """Behind the reverse proxy (one socket address for all), 40 requests for random addresses from one client
    are stopped with a French message, and the coach, from another address, still receives a code."""
    settings.ACCOUNT_RATE_LIMITS = LIMITES_DE_PRODUCTION
    settings.TRUSTED_PROXY_COUNT = 1
    coach = CoachFactory(email="coach@exemple.test")
    reponses = [_demander_un_code(f"{secrets.token_hex(4)}@exemple.test", "203.0.113.9") for _ in range(40)]
    assert MESSAGE_LIMITE in reponses[-1].content.decode()
    assert all(r.status_code == 302 for r in reponses[:20])

    envoyes = len(mail.outbox)
    reponse = _demander_un_code(coach.email, "198.51.100.4")
    assert reponse.status_code == 302
    assert mail.outbox[envoyes].to == ["coach@exemple.test"]


@pytest.mark.django_db
def test_trop_de_codes_pour_une_adresse_sont_refuses_en_francais(settings):
    """A fourth code within a minute for one address is refused with a message that says why and what to do."""
    settings.ACCOUNT_RATE_LIMITS = LIMITES_DE_PRODUCTION
    CoachFactory(email="coach@exemple.test")
    for _ in range(3):
        assert _demander_un_code("coach@exemple.test", "198.51.100.4").status_code == 302
    reponse = _demander_un_code("coach@exemple.test", "198.51.100.4")
    assert reponse.status_code == 200
    assert MESSAGE_LIMITE in reponse.content.decode()
    assert "patientez quelques minutes" in reponse.content.decode()


@pytest.mark.redis
@pytest.mark.django_db
def test_les_limites_sont_comptees_ensemble_par_tous_les_processus(settings):
    """Two web processes count together: codes requested by another process (a second gunicorn worker) use up
    this address's allowance in Redis, so this process refuses the next request."""
    redis = os.environ["REDIS_URL"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis,
                                   "KEY_PREFIX": "magellan"}}
    settings.ACCOUNT_RATE_LIMITS = LIMITES_DE_PRODUCTION
    email = f"{secrets.token_hex(6)}@exemple.test"
    autre_processus = textwrap.dedent(f"""
        import django; django.setup()
        from allauth.core import ratelimit
        from django.test import Client, RequestFactory
        requete = RequestFactory().post("/comptes/login/code/", REMOTE_ADDR="198.51.100.4")
        print([ratelimit.consume(requete, action="request_login_code", key="{email}") for _ in range(3)])
    """)
    resultat = subprocess.run(
        [sys.executable, "-c", autre_processus], cwd=RACINE, capture_output=True, text=True, timeout=60,
        env=environnement_du_projet(REDIS_URL=redis),
    )
    assert resultat.stdout.strip() == "[True, True, True]", resultat.stderr

    reponse = _demander_un_code(email, "198.51.100.4")
    assert MESSAGE_LIMITE in reponse.content.decode()


@pytest.mark.django_db
def test_la_page_de_limite_atteinte_est_en_francais(settings, rf):
    """When allauth answers 429, the person reads in French what happened and what to do, in the DSFR layout."""
    from allauth.core.ratelimit import respond_429

    requete = rf.get("/comptes/login/code/")
    requete.user = AnonymousUser()
    reponse = respond_429(requete)
    assert reponse.status_code == 429
    assert "Trop de demandes en peu de temps" in reponse.content.decode()
    assert "Patientez quelques minutes" in reponse.content.decode()
