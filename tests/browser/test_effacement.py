"""A coach erases a person who leaves the programme, in a real Chromium: from the person's admin page to the
confirmation page, refused unticked, then done with the keyboard; axe-core finds no violation on the page."""

import pytest

from accompagnement.models import ReponseMeteo
from programme.factories import CoachFactory, EIGFactory, PromotionFactory
from programme.models import Personne
from tests.accompagnement.outils_meteo import reponse, vague_close
from tests.browser.connexion import connecter

pytestmark = pytest.mark.django_db(transaction=True)


def test_un_coach_efface_une_eig_depuis_sa_fiche(page, live_server, verifier_accessibilite):
    """The admin page of the person links to the erasure page, which lists what goes and what stays; sent
    unticked it says why and erases nothing; ticked with Space and sent with Enter, the person is gone and their
    météo answer stays, anonymous."""
    promotion = PromotionFactory(nom="Promotion 8", numero=8)
    coach = CoachFactory(promotion=promotion, prenom="Inès", nom_usage="Durand")
    partante = EIGFactory(promotion=promotion, prenom="Camille", nom_usage="Martin")
    reponse(vague_close(promotion), partante, meteo=4)
    connecter(page, live_server, coach)

    page.goto(f"/admin/programme/personne/{partante.pk}/change/")
    page.get_by_role("link", name="Effacer cette personne").click()
    page.get_by_role("heading", name="Effacer Camille Martin").wait_for()
    assert page.get_by_role("heading", name="Ce qui reste, sans son nom").is_visible()
    verifier_accessibilite(page)

    page.get_by_role("button", name="Effacer définitivement cette personne").click()
    page.get_by_text("Cochez la case pour confirmer l'effacement").wait_for()
    assert Personne.objects.filter(pk=partante.pk).exists()
    verifier_accessibilite(page)

    page.get_by_label("Je confirme l'effacement définitif de cette personne").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.get_by_text(f"La personne n° {partante.pk} est effacée").wait_for()
    assert not Personne.objects.filter(pk=partante.pk).exists()
    assert ReponseMeteo.objects.get().eig is None
