"""The admin in French as a coach reads it in Chromium: the schedule of the recurring work (django-celery-beat)
and a session's inscriptions, with no axe violation."""

import pytest

from accompagnement.factories import SessionFactory
from accompagnement.models import Inscription
from programme.factories import CoachFactory, EIGFactory, PromotionFactory

from .connexion import connecter

pytestmark = pytest.mark.django_db(transaction=True)


def test_un_coach_lit_le_planning_et_les_inscriptions_en_francais(page, live_server, verifier_accessibilite):
    """The schedule says « Tâches périodiques », « Planification », its crontabs in French words; a man registered
    to a session is « Inscription confirmée », never « Inscrite »."""
    promotion = PromotionFactory()
    coach = CoachFactory(promotion=promotion)
    session = SessionFactory(promotion=promotion)
    Inscription.objects.create(session=session, personne=EIGFactory(promotion=promotion, prenom="Paul"))
    connecter(page, live_server, coach)
    page.goto("/admin/django_celery_beat/periodictask/")
    page.locator("#result_list").wait_for()
    texte = page.locator("body").text_content()
    assert "Tâches périodiques" in texte and "Planification" in texte and "Scheduler" not in texte
    assert "Lancer les tâches sélectionnées" in page.locator("select[name=action]").text_content()
    verifier_accessibilite(page)
    page.goto("/admin/django_celery_beat/crontabschedule/")
    assert "Every" not in page.locator("#result_list").text_content()
    assert "(Europe/Paris)" in page.locator("#result_list").text_content()
    page.goto(f"/admin/accompagnement/session/{session.pk}/change/")
    inscriptions = page.locator("body").text_content()
    assert "Inscription confirmée" in inscriptions and "Inscrite" not in inscriptions
    assert "Created at" not in inscriptions and "Créée le" in inscriptions
