"""Test what ships: Magellan as the Dockerfile runs it, opened in Chromium.

Production settings (`DEBUG=false`, a real key, HTTPS behind a proxy), static files collected with the
Dockerfile's storage (WhiteNoise's compressed manifest), gunicorn with two workers, the demo data, the login by
code with the e-mail read from the outbox folder. Every page must be styled by the DSFR, with no console error,
no failed or blocked resource and no CSP violation, for the public pages and each role's home; a sample of the
main pages grades EcoIndex A (measured as `bench/run.py --mesure ecoindex` measures them all).
"""

import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bench.ecoindex import FENETRE, mesurer_page
from tests.processus import base_jetable

RACINE = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PAGES_PUBLIQUES = ["/", "/defis/", "/defis/hospiflux/", "/donnees-ouvertes/", "/indicateurs/", "/accessibilite/",
                   "/mentions-legales/", "/comptes/login/code/"]
ROLES = ["coach", "eig", "porteur", "sponsor", "parrain", "intervenant", "alumni"]


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lancer(commande, env):
    resultat = subprocess.run(commande, cwd=RACINE, env=env, capture_output=True, text=True, timeout=600)
    assert resultat.returncode == 0, f"{' '.join(commande)} a échoué :\n{resultat.stdout}\n{resultat.stderr}"


@pytest.fixture(scope="module")
def site_de_production(tmp_path_factory, django_db_blocker):
    """Collect, migrate, load the demo, then serve with gunicorn under the production settings."""
    dossier = tmp_path_factory.mktemp("production")
    with django_db_blocker.unblock():
        url_base, detruire = base_jetable(dossier, "test_production")
    port = _port_libre()
    env = {
        "PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(dossier), "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "magellan.settings", "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1", "SITE_URL": f"http://127.0.0.1:{port}", "DATABASE_URL": url_base,
        "STATIC_ROOT": str(dossier / "static"), "MEDIA_ROOT": str(dossier / "media"),
        "PRIVATE_MEDIA_ROOT": str(dossier / "prive"), "EMAIL_URL": f"filemail:///{dossier / 'courriels'}",
        "CELERY_FILE_BROKER_DIR": str(dossier / "courtier"), "TRUSTED_PROXY_COUNT": "1",
        # The browser speaks plain HTTP to gunicorn, as the reverse proxy does; its origin is trusted instead.
        "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{port}",
    }
    try:
        _lancer([str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"], env)
        _lancer([str(BIN / "python"), "manage.py", "migrate", "--noinput", "-v0"], env)
        _lancer([str(BIN / "python"), "manage.py", "seed_demo"], env)
        serveur = subprocess.Popen(
            [str(BIN / "gunicorn"), "magellan.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
            cwd=RACINE, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(urllib.request.Request(f"{url}/", headers={"X-Forwarded-Proto": "https"}))
                break
            except OSError:
                assert serveur.poll() is None, f"gunicorn s'est arrêté :\n{serveur.stdout.read()}"
                time.sleep(0.2)
        yield {"url": url, "courriels": dossier / "courriels"}
        serveur.terminate()
        serveur.wait(timeout=20)
    finally:
        with django_db_blocker.unblock():
            detruire()


@pytest.fixture
def onglet(navigateur, site_de_production):
    """A page behind the (simulated) HTTPS reverse proxy; collects every console error and failed request."""
    contexte = navigateur.new_context(
        locale="fr-FR", timezone_id="Europe/Paris", base_url=site_de_production["url"],
        extra_http_headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"},
    )
    page = contexte.new_page()
    page.incidents = []
    page.on("console", lambda m: m.type == "error" and page.incidents.append(f"console : {m.text}"))
    page.on("pageerror", lambda e: page.incidents.append(f"erreur JavaScript : {e}"))
    page.on("requestfailed", lambda r: page.incidents.append(f"échec de {r.url} : {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and page.incidents.append(f"{r.status} sur {r.url}"))
    yield page
    contexte.close()


def _verifier_la_page(page, chemin):
    """The page answered, the DSFR styled it (Marianne, the header's layout), and nothing was refused."""
    reponse = page.goto(chemin)
    page.wait_for_load_state("networkidle")
    assert reponse.status == 200, f"{chemin} : {reponse.status}"
    assert "script-src 'self' 'nonce-" in reponse.headers["content-security-policy"]
    assert "includeSubDomains; preload" in reponse.headers["strict-transport-security"]
    police = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Marianne" in police, f"{chemin} s'affiche sans le DSFR (police : {police})"
    assert page.evaluate("getComputedStyle(document.querySelector('.fr-header__body-row')).display") == "flex", (
        f"{chemin} : l'en-tête n'a pas la mise en page du DSFR"
    )
    assert not page.incidents, f"{chemin} :\n" + "\n".join(page.incidents)


def _se_connecter(page, courriels: Path, email: str):
    """The login by code as a person does it, the code read from the e-mail the server wrote."""
    deja = set(courriels.glob("*")) if courriels.exists() else set()
    page.goto("/comptes/login/code/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_role("button", name="Recevoir un code de connexion").click()
    page.get_by_role("heading", name="Saisir le code de connexion").wait_for()
    (nouveau,) = set(courriels.glob("*")) - deja
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", nouveau.read_text()).group(1)
    page.get_by_label("Code de connexion").fill(code)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("heading", name="Mon espace").wait_for()
    assert page.url.endswith("/espace/"), f"après la connexion : {page.url}"


@pytest.mark.parametrize("chemin", PAGES_PUBLIQUES)
def test_les_pages_publiques_de_production_sont_mises_en_forme_sans_erreur(onglet, chemin):
    """As shipped, each public page loads the DSFR (integrity matching the served files) with no error at all."""
    _verifier_la_page(onglet, chemin)


@pytest.mark.parametrize("role", ROLES)
def test_chaque_role_se_connecte_et_son_espace_est_mis_en_forme(onglet, site_de_production, role):
    """As shipped, each role logs in by code and its home is styled, with no console error nor blocked file."""
    _se_connecter(onglet, site_de_production["courriels"], f"{role}@magellan.test")
    _verifier_la_page(onglet, "/espace/")


def test_l_administration_s_ouvre_au_coach_sans_erreur_ni_violation(onglet, site_de_production):
    """As shipped, the coach's admin (index, a list with its filters, a change form with its widgets) loads its
    scripts and styles under the strict CSP, with no console error."""
    _se_connecter(onglet, site_de_production["courriels"], "coach@magellan.test")
    for chemin in ["/admin/", "/admin/programme/personne/?roles__type__exact=eig", "/admin/accompagnement/session/add/",
                   "/admin/programme/promotion/"]:
        reponse = onglet.goto(chemin)
        onglet.wait_for_load_state("networkidle")
        assert reponse.status == 200, f"{chemin} : {reponse.status}"
        assert not onglet.incidents, f"{chemin} :\n" + "\n".join(onglet.incidents)
    onglet.get_by_role("link", name="Promotion 8").first.click()
    onglet.wait_for_load_state("networkidle")
    assert onglet.get_by_role("heading", name="Modification de promotion").is_visible()
    assert not onglet.incidents, "\n".join(onglet.incidents)


def test_une_page_introuvable_de_production_est_en_francais_dans_le_dsfr(onglet, verifier_accessibilite):
    """As shipped (DEBUG off), an unknown address answers the French 404 page, styled by the DSFR, with a way
    back home and no violation."""
    reponse = onglet.goto("/cette-page-n-existe-pas/")
    onglet.wait_for_load_state("networkidle")
    assert reponse.status == 404
    assert onglet.get_by_role("heading", name="Page introuvable").is_visible()
    assert "Marianne" in onglet.evaluate("getComputedStyle(document.body).fontFamily")
    assert [incident for incident in onglet.incidents if "404" not in incident] == []
    verifier_accessibilite(onglet)
    onglet.get_by_role("link", name="Page d'accueil").click()
    assert onglet.get_by_role("heading", level=1).first.is_visible()


def test_une_page_refusee_de_production_est_en_francais_dans_le_dsfr(onglet, site_de_production,
                                                                      verifier_accessibilite):
    """As shipped, an EIG who opens the coaches' dashboard reads the French 403 page, styled by the DSFR, saying
    whom to write to, with a way back home and no violation."""
    _se_connecter(onglet, site_de_production["courriels"], "eig@magellan.test")
    reponse = onglet.goto("/coachs/tableau-de-bord/")
    onglet.wait_for_load_state("networkidle")
    assert reponse.status == 403
    assert onglet.get_by_role("heading", name="Vous n'avez pas accès à cette page").is_visible()
    assert onglet.get_by_text("écrivez aux coachs du programme").is_visible()
    assert "Marianne" in onglet.evaluate("getComputedStyle(document.body).fontFamily")
    assert [incident for incident in onglet.incidents if "403" not in incident] == []
    verifier_accessibilite(onglet)
    onglet.get_by_role("link", name="Page d'accueil").click()
    assert onglet.get_by_role("heading", level=1).first.is_visible()


def test_une_demande_incorrecte_de_production_est_en_francais_dans_le_dsfr(onglet, verifier_accessibilite):
    """As shipped, a request Django refuses as malformed (more fields than it reads) answers the French 400 page,
    styled by the DSFR, with a way back home and no violation."""
    reponse = onglet.goto("/defis/?" + "a=&" * 1001)
    onglet.wait_for_load_state("networkidle")
    assert reponse.status == 400
    assert onglet.get_by_role("heading", name="Demande incorrecte").is_visible()
    assert "Marianne" in onglet.evaluate("getComputedStyle(document.body).fontFamily")
    assert [incident for incident in onglet.incidents if "400" not in incident] == []
    verifier_accessibilite(onglet)
    onglet.get_by_role("link", name="Page d'accueil").click()
    assert onglet.get_by_role("heading", level=1).first.is_visible()


def test_l_eig_tout_juste_invitee_de_la_demonstration_voit_son_parcours_et_le_mot_d_accueil_le_coche(
        onglet, site_de_production, verifier_accessibilite):
    """The demo's newly invited EIG logs in for the first time: her home shows her arrival path; she reads the
    welcome — the coaches' own page, imported from their site — and its step ticks itself. No violation."""
    _se_connecter(onglet, site_de_production["courriels"], "nouvelle-eig@magellan.test")
    onglet.get_by_role("heading", name="Mon parcours d'arrivée").wait_for()
    accueil = onglet.locator("li[data-etape='accueil']")
    assert "Fait" not in accueil.text_content()
    verifier_accessibilite(onglet)
    onglet.get_by_role("link", name="Lire le mot d'accueil").click()
    onglet.get_by_role("heading", level=1, name="Bienvenue dans la communauté des Entrepreneur(e)s").wait_for()
    assert onglet.get_by_role("link", name="coachs EIG").first.is_visible()
    verifier_accessibilite(onglet)
    onglet.goto("/espace/")
    assert "Fait" in onglet.locator("li[data-etape='accueil']").text_content()
    assert not onglet.incidents, "\n".join(onglet.incidents)


# A sample of the main pages, by who opens them: the longest lists (catalogue, sessions, directory), the busiest
# homes and the coaches' dashboard, the heaviest page before it was summarised.
ECHANTILLON_ECOINDEX = {"": ["/", "/defis/"], "eig": ["/espace/", "/sessions/a-venir/", "/annuaire/"],
                        "coach": ["/coachs/tableau-de-bord/"]}


@pytest.mark.parametrize("role", ECHANTILLON_ECOINDEX)
def test_les_pages_principales_de_production_sont_notees_ecoindex_a(onglet, site_de_production, role):
    """As shipped, each page of the sample is light enough for an EcoIndex A (DOM size, requests and kilobytes
    transferred, a first visit with no cache), with no console error nor blocked file."""
    if role:
        _se_connecter(onglet, site_de_production["courriels"], f"{role}@magellan.test")
    onglet.set_viewport_size(FENETRE)
    for chemin in ECHANTILLON_ECOINDEX[role]:
        mesure = mesurer_page(onglet, chemin)
        assert mesure.note == "A", str(mesure)
    assert not onglet.incidents, "\n".join(onglet.incidents)
