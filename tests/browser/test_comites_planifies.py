"""The comités the planner drafts, in a real Chromium: the coach plans and publishes the calendar, finds the
phase 3 comité on the board and moves it to a public holiday (warned, not refused); the porteuse sees her phase 3
comité and its support; the EIG's agenda shows it. axe-core finds no violation on any of these pages."""

import re
from zoneinfo import ZoneInfo

import pytest

from accompagnement.services.planificateur import jours_feries
from defis.factories import DefiFactory, MembreEquipeFactory
from defis.models import MembreEquipe
from evaluations.models import Comite
from programme.factories import CoachFactory, PromotionFactory
from tests.browser.connexion import connecter

pytestmark = pytest.mark.django_db(transaction=True)
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def equipe(db):
    """Hospi'Flux in a running promotion: an EIG, a porteuse and a coach."""
    promotion = PromotionFactory(nom="Promotion 8", numero=8)
    defi = DefiFactory(titre="Hospi'Flux", promotion=promotion)
    membres = {role: MembreEquipeFactory(defi=defi, role=getattr(MembreEquipe.Role, role.upper()),
                                         personne__prenom=prenom).personne
               for role, prenom in [("eig", "Camille"), ("porteur", "Sophie")]}
    return {"defi": defi, "promotion": promotion, "coach": CoachFactory(promotion=promotion, prenom="Inès"),
            **membres}


def _ferie_ouvrable(promotion):
    """The first public holiday on a weekday within the promotion."""
    return min(jour for annee in (promotion.date_debut.year, promotion.date_fin.year) for jour in jours_feries(annee)
               if jour.weekday() < 5 and promotion.date_debut <= jour <= promotion.date_fin)


def test_le_comite_de_phase_3_planifie_est_celui_du_defi_pour_chacun(page, live_server, equipe,
                                                                    verifier_accessibilite):
    """Coach, porteuse and EIG find the same phase 3 comité: on the board, the défi's evaluations, the agenda."""
    promotion, defi = equipe["promotion"], equipe["defi"]
    connecter(page, live_server, equipe["coach"])
    page.goto(f"/coachs/sessions/promotion/{promotion.pk}/planifier/")
    verifier_accessibilite(page)
    page.get_by_role("button", name="Planifier le calendrier").click()
    page.get_by_role("button", name=re.compile("^Publier tout le calendrier")).click()
    page.get_by_text(re.compile(r"\d+ sessions publiées")).wait_for()

    page.goto(f"/evaluations/?promotion={promotion.pk}&phase=3")
    page.get_by_role("heading", name="Tableau des évaluations").wait_for()
    assert not page.get_by_text("Non planifié").count()
    verifier_accessibilite(page)

    ferie = _ferie_ouvrable(promotion)
    page.goto(f"/defis/{defi.slug}/evaluations/phase-3/planifier/")
    page.get_by_label("Date et heure").fill(f"{ferie:%Y-%m-%d}T10:00")
    page.get_by_role("button", name="Enregistrer le comité").click()
    page.get_by_text("Comité enregistré").wait_for()
    assert page.get_by_text(re.compile("est un jour férié. Vérifiez que les participants")).is_visible()
    verifier_accessibilite(page)
    comite = Comite.objects.get(defi=defi, phase__numero=3)
    assert comite.debut.astimezone(PARIS).date() == ferie

    connecter(page, live_server, equipe["porteur"])
    page.goto(f"/defis/{defi.slug}/evaluations/")
    page.get_by_role("link", name=re.compile("voir le comité de la phase 3$")).click()
    page.get_by_role("heading", name="Comité d'évaluation de la phase 3").wait_for()
    verifier_accessibilite(page)
    page.get_by_role("link", name="Le support de l'équipe").click()
    page.get_by_role("heading", name="Support du comité de la phase 3").wait_for()
    verifier_accessibilite(page)

    connecter(page, live_server, equipe["eig"])
    page.goto(f"/agenda/?mois={ferie:%Y-%m}")
    page.get_by_role("heading", name="Mon agenda").wait_for()
    assert page.get_by_role("link", name=re.compile("10:00 Comité d'évaluation . phase 3 . Hospi'Flux")).is_visible()
    verifier_accessibilite(page)
