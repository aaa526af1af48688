"""End-to-end tests in Debian's Chromium, driven by Playwright's sync API, against pytest-django's live_server.

Every test under tests/browser is marked `browser`. Fixtures: `navigateur` (one Chromium for the session),
`page` (a fresh French context on the live server, so `page.goto("/")` works; the test fails if the browser
reports a Content-Security-Policy violation or blocks a resource whose integrity does not match) and
`verifier_accessibilite` (axe-core in the page, failing on any violation).
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGUMENTS_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
DOSSIER = Path(__file__).resolve().parent

# Playwright's sync API runs an event loop in the test's thread, where Django otherwise refuses ORM calls.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if DOSSIER in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def navigateur():
    """Debian's Chromium, headless, started once for the session; missing, the tests fail (never skip)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium est introuvable dans {CHROMIUM} : les tests de navigateur en ont besoin. "
            "Installez-le avec « sudo apt-get install chromium » (ou lancez « make test » en root).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGUMENTS_CHROMIUM
        )
        yield chromium
        chromium.close()


# What Chromium writes to the console when the CSP refuses something, or when a file fails its integrity check.
SIGNES_DE_BLOCAGE = ("Content Security Policy", "integrity", "has been blocked")


def surveiller_blocages(contexte, origine: str | None = None) -> list[str]:
    """Collect, for the whole browser context, every message saying the browser refused or blocked something; with
    `origine`, only on that site's pages (another site's pages, such as an identity provider's, follow their own
    policy)."""
    blocages = []

    def _noter(message):
        adresse = message.page.url if message.page else "?"
        if origine and message.page and not adresse.startswith(origine.rstrip("/") + "/"):
            return
        if message.type == "error" and any(signe in message.text for signe in SIGNES_DE_BLOCAGE):
            blocages.append(f"{adresse} : {message.text}")

    contexte.on("console", _noter)
    return blocages


@pytest.fixture
def contexte_navigateur(navigateur, live_server):
    """A new French context (fr-FR, Europe/Paris) on the live server; fails the test on any CSP violation or
    blocked resource seen in any of the live server's pages."""
    contexte = navigateur.new_context(locale="fr-FR", timezone_id="Europe/Paris", base_url=live_server.url)
    blocages = surveiller_blocages(contexte, live_server.url)
    yield contexte
    contexte.close()
    assert not blocages, "Le navigateur a bloqué des ressources :\n" + "\n".join(blocages)


@pytest.fixture
def page(contexte_navigateur):
    """A new page in its own context whose relative URLs go to the live server."""
    return contexte_navigateur.new_page()


def _verifier_accessibilite(page):
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    details = []
    for violation in violations:
        cibles = "; ".join(", ".join(map(str, noeud["target"])) for noeud in violation["nodes"])
        details.append(f"- {violation['id']} ({violation['impact']}) : {violation['help']} → {cibles}")
    nombre = len(violations)
    assert nombre == 0, f"axe-core signale des violations sur {page.url} :\n" + "\n".join(details)


@pytest.fixture
def verifier_accessibilite():
    """The check to call on a loaded page: `verifier_accessibilite(page)` asserts axe-core finds nothing."""
    return _verifier_accessibilite
