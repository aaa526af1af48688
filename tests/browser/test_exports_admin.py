"""The admin's export page of django-import-export, as a coach uses it under Magellan's strict CSP: nothing
blocked, the « select all » box works from the keyboard, the chosen columns are the ones downloaded."""

import csv
import io

import pytest

from defis.factories import DefiFactory, MembreEquipeFactory
from programme.factories import CoachFactory, PromotionFactory
from programme.models import Role

from .connexion import connecter

pytestmark = pytest.mark.django_db(transaction=True)


def test_un_coach_exporte_les_roles_choisis_depuis_l_administration(page, live_server, navigateur,
                                                                     verifier_accessibilite):
    """Unticking « Tout sélectionner » with the keyboard unticks every column; ticking two columns and choosing
    CSV downloads those two columns for every role. No CSP violation on the way (the page is watched); axe
    finds nothing (in its own context, since axe's probes are not the page's)."""
    promotion = PromotionFactory()
    MembreEquipeFactory(defi=DefiFactory(promotion=promotion))
    coach = CoachFactory(promotion=promotion, prenom="Camille")
    connecter(page, live_server, coach)
    page.goto("/admin/programme/role/export/")
    colonnes = page.locator(".selectable-field-export-row input[type=checkbox]")
    assert colonnes.count() >= 5 and all(colonnes.nth(i).is_checked() for i in range(colonnes.count()))

    page.locator("#select-all-toggle").focus()
    page.keyboard.press("Space")
    assert not any(colonnes.nth(i).is_checked() for i in range(colonnes.count()))
    page.get_by_label("Courriel").check()
    page.get_by_label("Promotion").check()
    page.get_by_label("Format").select_option(label="csv")
    with page.expect_download() as telechargement:
        page.locator("input[type=submit]").click()
    lignes = list(csv.reader(io.StringIO(open(telechargement.value.path(), encoding="utf-8-sig").read())))
    assert lignes[0] == ["courriel", "promotion"]
    assert len(lignes) - 1 == Role.objects.count() and [coach.email, str(promotion)] in lignes[1:]

    contexte = navigateur.new_context(locale="fr-FR", base_url=live_server.url)
    try:
        autre = contexte.new_page()
        connecter(autre, live_server, coach)
        autre.goto("/admin/programme/role/export/")
        verifier_accessibilite(autre)
    finally:
        contexte.close()
