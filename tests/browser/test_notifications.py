"""The choice of reminders in a real Chromium: a person reaches « Mes notifications » from the header menu and
turns one reminder off with the keyboard. axe-core finds no violation on the page."""

import pytest

from programme.factories import EIGFactory
from programme.models import Notification, RefusNotification
from tests.browser.connexion import connecter

pytestmark = pytest.mark.django_db(transaction=True)
CARNET = "Rappel mensuel du carnet de bord"


def test_une_eig_decoche_un_rappel_au_clavier_depuis_le_menu(page, live_server, verifier_accessibilite):
    """From « Mon espace » → « Mes notifications », the EIG unticks the carnet's reminder with Space, saves
    with Enter, reads the confirmation, and the box stays unticked while the others stay ticked."""
    camille = EIGFactory(prenom="Camille", email="camille@exemple.test")
    connecter(page, live_server, camille)
    page.goto("/")
    page.get_by_role("button", name="Mon espace").focus()
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Mes notifications").wait_for()
    page.get_by_role("link", name="Mes notifications").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Mes notifications").wait_for()
    assert page.get_by_text("Magellan vous écrit à camille@exemple.test.").is_visible()
    assert page.get_by_role("checkbox", checked=True).count() == len(Notification.DECLINABLES)
    verifier_accessibilite(page)

    page.get_by_role("checkbox", name=CARNET).focus()
    page.keyboard.press("Space")
    assert not page.get_by_role("checkbox", name=CARNET).is_checked()
    page.get_by_role("button", name="Enregistrer mes préférences").focus()
    page.keyboard.press("Enter")

    page.get_by_text("Vos préférences de notification sont enregistrées.").wait_for()
    assert not page.get_by_role("checkbox", name=CARNET).is_checked()
    assert page.get_by_role("checkbox", checked=True).count() == len(Notification.DECLINABLES) - 1
    assert list(RefusNotification.objects.filter(personne=camille).values_list("categorie", flat=True)) == [
        Notification.Categorie.RAPPEL_CARNET]
    verifier_accessibilite(page)
    page.reload()
    assert not page.get_by_role("checkbox", name=CARNET).is_checked()
