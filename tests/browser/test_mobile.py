"""Magellan on a phone: at 375 px wide, each role's main pages fit the screen, with no horizontal scroll."""

import datetime

import pytest
from django.utils import timezone

from accompagnement.factories import InscriptionFactory, SessionFactory
from tests.browser.conftest import surveiller_blocages
from tests.browser.connexion import connecter
from tests.matrice.monde import scenario_construire

pytestmark = pytest.mark.django_db(transaction=True)
LARGEUR = 375
ROLES = ["coach", "eig", "porteur", "sponsor", "parrain", "intervenant", "alumni"]
PAGES_PUBLIQUES = ["/", "/defis/", "/donnees-ouvertes/", "/indicateurs/"]
# The outermost elements that stick out on the right, to name them when a page is too wide.
DEBORDEMENTS = """() => {
    const bord = document.documentElement.clientWidth + 1;
    return [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > bord && e.parentElement.getBoundingClientRect().right <= bord)
        .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`);
}"""


@pytest.fixture
def monde():
    """Every role in one promotion, the EIG registered to a session this month with a long title and place."""
    scenario = scenario_construire()
    debut = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(9)))
    session = SessionFactory(promotion=scenario["promotion"], dispositif="expedition-apprenante",
                             titre="Expédition apprenante : la fabrique numérique des services publics territoriaux",
                             debut=debut, fin=debut + datetime.timedelta(hours=3),
                             lieu="Archives nationales, 59 rue Guynemer, 93380 Pierrefitte-sur-Seine")
    InscriptionFactory(session=session, personne=scenario["personnes"]["eig"])
    return scenario


def _pages_du_menu(page) -> list[str]:
    """Mon espace and every page of the visitor's header menu (sections Mon espace and Piloter)."""
    liens = page.locator("#navigation-principale .fr-menu__list a").evaluate_all("liens => liens.map(l => l.pathname)")
    return ["/espace/", *dict.fromkeys(lien for lien in liens if not lien.startswith("/admin/"))]


def test_les_pages_principales_de_chaque_role_tiennent_sur_un_ecran_de_375_px(navigateur, live_server, monde,
                                                                             verifier_accessibilite):
    """On a 375 px screen, the public pages and each role's pages of its menu need no horizontal scroll; the
    EIG's agenda lists the month's days that hold something, with no axe violation."""
    contexte = navigateur.new_context(locale="fr-FR", timezone_id="Europe/Paris", base_url=live_server.url,
                                      viewport={"width": LARGEUR, "height": 800})
    blocages = surveiller_blocages(contexte, live_server.url)
    page = contexte.new_page()
    trop_larges, vues = [], []

    def mesurer(chemin, qui):
        page.goto(chemin)
        vues.append(f"{qui} {chemin}")
        largeur = page.evaluate("document.documentElement.scrollWidth")
        if largeur > LARGEUR:
            trop_larges.append(f"{qui} {chemin} : {largeur} px — {', '.join(page.evaluate(DEBORDEMENTS))}")

    for chemin in PAGES_PUBLIQUES:
        mesurer(chemin, "visiteur")
    for role in ROLES:
        connecter(page, live_server, monde["personnes"][role])
        page.goto("/espace/")
        for chemin in _pages_du_menu(page):
            mesurer(chemin, role)
    connecter(page, live_server, monde["personnes"]["eig"])
    page.goto("/agenda/")
    assert page.get_by_role("link", name="Expédition apprenante : la fabrique numérique").is_visible()
    verifier_accessibilite(page)
    contexte.close()
    assert len(vues) > 40, vues
    assert not trop_larges, "Pages plus larges que l'écran :\n" + "\n".join(trop_larges)
    assert not blocages, blocages
