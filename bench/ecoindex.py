"""The EcoIndex of Magellan's main pages: DOM size, requests and transferred weight, as headless Chromium sees them.

The EcoIndex (https://www.ecoindex.fr, GreenIT / cnumr) places each of the three figures of a page among the
quantiles the project measured on the HTTP Archive, weighs them 3 (DOM), 2 (requests) and 1 (weight), and
turns the result into a score out of 100 and a grade from A to G. `score_ecoindex` and `note_ecoindex` write
that published formula; `mesurer_page` takes the three figures from a page opened in Chromium, cache disabled,
as a first visit (every response over HTTP, its encoded length on the wire, elements outside SVG drawings).

`--mesure ecoindex` opens every main page of the demonstration (`seed_demo`), logged in as the role it is
for, on a server of this process that serves the static files as the Dockerfile collects them (WhiteNoise's
compressed manifest), and prints, for each page, the DOM size, the requests, the weight, the score and the
grade. `tests/browser/test_production.py` checks the grade of a sample of them with the same functions.
"""

import bisect
import os
import tempfile
from dataclasses import dataclass
from io import StringIO

from bench.outils import mesure, nombre_fr

# The quantiles of the EcoIndex reference (cnumr/ecoindex_reference): DOM elements, requests, kilobytes.
QUANTILES_DOM = (0, 47, 75, 159, 233, 298, 358, 417, 476, 537, 603, 674, 753, 843, 949, 1076, 1237, 1459, 1801,
                 2479, 594601)
QUANTILES_REQUETES = (0, 2, 15, 25, 34, 42, 49, 56, 63, 70, 78, 86, 95, 105, 117, 130, 147, 170, 205, 281, 3920)
QUANTILES_KO = (0, 1.37, 144.7, 319.53, 479.46, 631.97, 783.38, 937.91, 1098.62, 1265.47, 1448.32, 1648.27,
                1876.08, 2142.06, 2465.37, 2866.31, 3401.59, 4155.73, 5400.08, 8037.54, 223212.26)
# A grade is earned above its threshold (a score of exactly 80 is a B).
SEUILS = (("A", 80), ("B", 70), ("C", 55), ("D", 40), ("E", 25), ("F", 10))
POIDS_DOM, POIDS_REQUETES, POIDS_KO = 3, 2, 1
# The window of the EcoIndex's own measures.
FENETRE = {"width": 1920, "height": 1080}


def position_dans(quantiles, valeur: float) -> float:
    """Where `valeur` falls among `quantiles`: the index of the quantile below it plus its share of the way to the
    next one (0 to 20; beyond the last quantile, 20)."""
    rang = bisect.bisect_right(quantiles, valeur)
    if rang >= len(quantiles):
        return float(len(quantiles) - 1)
    bas, haut = quantiles[rang - 1], quantiles[rang]
    return rang - 1 + (valeur - bas) / (haut - bas)


def score_ecoindex(dom: int, requetes: int, ko: float) -> float:
    """The EcoIndex score out of 100 (higher is lighter) of a page of `dom` elements, `requetes` requests and
    `ko` kilobytes transferred."""
    moyenne = (POIDS_DOM * position_dans(QUANTILES_DOM, dom)
               + POIDS_REQUETES * position_dans(QUANTILES_REQUETES, requetes)
               + POIDS_KO * position_dans(QUANTILES_KO, ko)) / (POIDS_DOM + POIDS_REQUETES + POIDS_KO)
    return 100 - 5 * moyenne


def note_ecoindex(score: float) -> str:
    """The grade, A to G, of an EcoIndex score."""
    return next((note for note, seuil in SEUILS if score > seuil), "G")


@dataclass
class MesureEcoIndex:
    libelle: str
    dom: int
    requetes: int
    octets: int

    @property
    def ko(self) -> float:
        """The transferred weight in kilobytes of 1,000 bytes, as the EcoIndex counts them."""
        return self.octets / 1000

    @property
    def score(self) -> int:
        return round(score_ecoindex(self.dom, self.requetes, self.ko))

    @property
    def note(self) -> str:
        return note_ecoindex(self.score)

    def __str__(self):
        return (f"{self.libelle} : {self.dom} éléments, {self.requetes} requêtes, {nombre_fr(self.ko, 1)} ko "
                f"→ {self.score}/100, note {self.note}")


def mesurer_page(page, adresse: str, libelle: str = "") -> MesureEcoIndex:
    """Open `adresse` in the Playwright `page` (Chromium) as a first visit, scroll to its end, and count what the
    EcoIndex counts: its elements outside SVG drawings, its HTTP responses and the bytes they took on the wire."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    octets = {}

    def _reponse(evenement):
        if evenement["response"]["url"].startswith("http"):
            octets[evenement["requestId"]] = 0

    def _fin(evenement):
        if evenement["requestId"] in octets:
            octets[evenement["requestId"]] = evenement["encodedDataLength"]

    cdp.on("Network.responseReceived", _reponse)
    cdp.on("Network.loadingFinished", _fin)
    try:
        reponse = page.goto(adresse)
        assert reponse.status == 200, f"{adresse} répond {reponse.status}"
        page.wait_for_load_state("networkidle")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        dom = page.evaluate("document.getElementsByTagName('*').length - document.querySelectorAll('svg *').length")
    finally:
        cdp.detach()
    return MesureEcoIndex(libelle or adresse, dom, len(octets), sum(octets.values()))


# The main pages: (who opens it, what it is, where). `None` is an anonymous visitor; a role opens it logged in as
# the demonstration's login of that role (coach@magellan.test…).
PAGES_PRINCIPALES = (
    (None, "accueil", "/"),
    (None, "catalogue des défis", "/defis/"),
    (None, "fiche d'un défi", "/defis/hospiflux/"),
    (None, "données ouvertes", "/donnees-ouvertes/"),
    (None, "indicateurs", "/indicateurs/"),
    (None, "programme d'accompagnement", "/programme/accompagnement/"),
    (None, "accessibilité", "/accessibilite/"),
    (None, "mentions légales", "/mentions-legales/"),
    (None, "connexion", "/comptes/login/code/"),
    ("eig", "Mon espace", "/espace/"),
    ("eig", "agenda (mois)", "/agenda/"),
    ("eig", "agenda (liste)", "/agenda/liste/"),
    ("eig", "sessions à venir", "/sessions/a-venir/"),
    ("eig", "carnet de bord", "/carnet-de-bord/"),
    ("eig", "météo", "/meteo/"),
    ("eig", "groupes de partage", "/groupes/"),
    ("eig", "mentorat", "/mentorat/"),
    ("eig", "bureau d'aide", "/bureau-aide/"),
    ("eig", "annuaire", "/annuaire/"),
    ("porteur", "Mon espace", "/espace/"),
    ("sponsor", "Mon espace", "/espace/"),
    ("parrain", "Mon espace", "/espace/"),
    ("parrain", "heures d'accélération", "/heures/"),
    ("intervenant", "Mon espace", "/espace/"),
    ("alumni", "Mon espace", "/espace/"),
    ("coach", "Mon espace", "/espace/"),
    ("coach", "tableau de bord", "/coachs/tableau-de-bord/"),
    ("coach", "tableau de bord : à qui parler", "/coachs/tableau-de-bord/a-qui-parler/"),
    ("coach", "tableau de bord : parcours d'arrivée", "/coachs/tableau-de-bord/parcours/"),
    ("coach", "tableau de bord : heures du mois", "/coachs/tableau-de-bord/heures/"),
    ("coach", "tableau de bord : présence aux sessions", "/coachs/tableau-de-bord/presence/"),
    ("coach", "sessions et calendrier", "/coachs/sessions/"),
    ("coach", "comités d'évaluation", "/evaluations/"),
    ("coach", "météo de la promotion", "/coachs/meteo/"),
    ("coach", "carnets de bord", "/coachs/carnets/"),
    ("coach", "groupes de partage", "/coachs/groupes/"),
    ("coach", "heures d'accélération", "/heures/suivi/"),
    ("coach", "cycles de mentorat", "/mentorat/cycles/"),
    ("coach", "file du bureau d'aide", "/coachs/bureau-aide/"),
)


@mesure("ecoindex")
def ecoindex(repetitions):
    """Every main page of the demonstration in Chromium, static files compressed as in production (the
    repetitions do not apply: the three figures of a page do not vary from one load to the next)."""
    yield from mesurer_les_pages_principales()


def resume(mesures) -> str:
    """« 35 pages sur 35 notées A (médiane : 250 éléments, 4 requêtes, 60,2 ko) »."""
    milieu = len(mesures) // 2
    notes_a = sum(m.note == "A" for m in mesures)
    return (f"{notes_a} pages sur {len(mesures)} notées A (médiane : {sorted(m.dom for m in mesures)[milieu]} "
            f"éléments, {sorted(m.requetes for m in mesures)[milieu]} requêtes, "
            f"{nombre_fr(sorted(m.ko for m in mesures)[milieu], 1)} ko).")


def mesurer_les_pages_principales():
    """Build the demonstration, collect the static files as the Dockerfile does, serve them from this process and
    measure each main page; yields a line of French per page."""
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client
    from django.test.testcases import LiveServerThread
    from django.test.utils import override_settings
    from playwright.sync_api import sync_playwright

    from demo.construction import adresse_de
    from programme.models import Personne, Role

    # Playwright's sync API runs an event loop in this thread, where Django otherwise refuses ORM calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    call_command("seed_demo", stdout=StringIO())
    with tempfile.TemporaryDirectory(prefix="magellan-ecoindex-") as dossier, override_settings(
        STATIC_ROOT=dossier, ALLOWED_HOSTS=["127.0.0.1"],
        STORAGES={"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                  "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}},
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        partagees = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
        for connexion in partagees.values():
            connexion.inc_thread_sharing()
        # No static handler of the test server: WhiteNoise serves the collected files, as in production.
        serveur = LiveServerThread("127.0.0.1", lambda application: application, connections_override=partagees)
        serveur.daemon = True
        serveur.start()
        serveur.is_ready.wait()
        if serveur.error:
            raise serveur.error
        origine = f"http://127.0.0.1:{serveur.port}"
        yield (f"Données : la démonstration (seed_demo), statiques collectés et compressés ; Chromium sans cache, "
               f"fenêtre {FENETRE['width']}×{FENETRE['height']}, sur {origine}.")
        try:
            with sync_playwright() as playwright:
                from tests.browser.conftest import ARGUMENTS_CHROMIUM, CHROMIUM

                navigateur = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                                        args=ARGUMENTS_CHROMIUM)
                contexte = navigateur.new_context(locale="fr-FR", timezone_id="Europe/Paris", base_url=origine,
                                                  viewport=FENETRE)
                page = contexte.new_page()
                mesures = []
                role_courant = "personne"
                for role, libelle, adresse in PAGES_PRINCIPALES:
                    if role != role_courant:
                        contexte.clear_cookies()
                        if role:
                            client = Client()
                            client.force_login(Personne.objects.get(email=adresse_de(Role.Type(role))))
                            contexte.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                                                   "url": origine}])
                        role_courant = role
                    mesures.append(mesurer_page(page, adresse, f"{role or 'public'} — {libelle} ({adresse})"))
                    yield str(mesures[-1])
                navigateur.close()
            yield resume(mesures)
        finally:
            serveur.terminate()
            for connexion in partagees.values():
                connexion.dec_thread_sharing()

