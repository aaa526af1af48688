"""« Mon espace » in Chromium on the demonstration: each role's login lands on its next action, axe-core finds
nothing to report."""

from io import StringIO

import pytest
from django.core.management import call_command

from demo.construction import adresse_de
from programme.models import Personne, Role
from tests.browser.connexion import connecter

pytestmark = pytest.mark.django_db(transaction=True)

# For each demo login: its block's title and the link of its next action.
ACTIONS = {
    Role.Type.EIG: ("EIG", "Écrire mon carnet de"),
    Role.Type.PORTEUR: ("Porteur ou porteuse du défi", "Préparer le support"),
    Role.Type.SPONSOR: ("Sponsor", "Phase 1"),
    Role.Type.PARRAIN: ("Parrain ou marraine", "Consigner des heures"),
    Role.Type.INTERVENANT: ("Intervenant ou intervenante", "Conférence de"),
    Role.Type.ALUMNI: ("Alumni", "Les défis d'intérêt général"),
    Role.Type.COACH: ("Coach", "Ouvrir le tableau de bord"),
}


@pytest.fixture
def demonstration():
    call_command("seed_demo", stdout=StringIO())


def test_chaque_role_de_la_demonstration_trouve_sa_prochaine_action(page, live_server, demonstration,
                                                                     verifier_accessibilite):
    """Logged in as each demo role, « Mon espace » shows that role's block and its next action's link."""
    for type_role, (titre, lien) in ACTIONS.items():
        connecter(page, live_server, Personne.objects.get(email=adresse_de(type_role)))
        page.goto("/espace/")
        bloc = page.locator(".magellan-a-faire", has=page.get_by_role("heading", name=f"{titre} : à faire"))
        assert bloc.is_visible(), type_role
        assert bloc.get_by_role("link", name=lien).first.is_visible(), type_role
        verifier_accessibilite(page)
    bloc.get_by_role("link", name="Ouvrir le tableau de bord").click()
    page.wait_for_url("**/coachs/tableau-de-bord/?promotion=*")
