"""An EIG's agenda in a real Chromium: the month, the next month by keyboard, the list, subscribing to the feed."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from icalendar import Calendar

from accompagnement.factories import InscriptionFactory, SessionFactory
from programme.factories import EIGFactory, PromotionFactory
from tests.browser.connexion import connecter

pytestmark = pytest.mark.django_db(transaction=True)
LIEU_DE_L_EXPEDITION = "Lab IA, 20 avenue de Ségur, 75007 Paris"


def _a(jour, heure):
    return timezone.make_aware(datetime.datetime.combine(jour, heure))


@pytest.fixture
def eig_et_sessions():
    """An EIG registered to a conférence this month and an expédition apprenante next month."""
    promotion = PromotionFactory(nom="Promotion 8", numero=8)
    eig = EIGFactory(promotion=promotion, prenom="Camille", nom_usage="Lefèvre")
    ce_mois = timezone.localdate().replace(day=12)
    mois_suivant = ce_mois + relativedelta(months=1)
    sessions = [
        SessionFactory(promotion=promotion, titre="Conférence : l'écoconception des services", dispositif="conference",
                       debut=_a(ce_mois, datetime.time(17)), fin=_a(ce_mois, datetime.time(18, 30))),
        SessionFactory(promotion=promotion, titre="Expédition au Lab IA", dispositif="expedition-apprenante",
                       debut=_a(mois_suivant, datetime.time(9)), fin=_a(mois_suivant, datetime.time(12)),
                       lieu=LIEU_DE_L_EXPEDITION),
    ]
    for session in sessions:
        InscriptionFactory(session=session, personne=eig)
    return {"eig": eig, "sessions": sessions, "mois_suivant": mois_suivant}


def test_eig_parcourt_son_agenda_et_s_abonne_au_flux(page, live_server, eig_et_sessions, verifier_accessibilite):
    """The EIG opens the month, goes to the next one with the keyboard, opens the list, then « S'abonner »:
    the link shown answers the feed, with both sessions."""
    connecter(page, live_server, eig_et_sessions["eig"])
    page.goto("/agenda/")
    page.get_by_role("heading", name="Mon agenda").wait_for()
    assert page.get_by_role("link", name="17:00 Conférence : l'écoconception des services").is_visible()
    assert page.get_by_role("table", name="Mes sessions et rendez-vous de").is_visible()
    assert page.get_by_role("table", name="Heures par famille de dispositifs").is_visible()
    verifier_accessibilite(page)

    page.get_by_role("link", name="Mois précédent").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").startswith("Mois suivant")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/agenda/?mois={eig_et_sessions['mois_suivant']:%Y-%m}")
    assert page.get_by_role("link", name="09:00 Expédition au Lab IA").is_visible()
    verifier_accessibilite(page)

    page.get_by_role("link", name="À venir").click()
    page.get_by_role("heading", name="Mon agenda : à venir").wait_for()
    assert page.get_by_role("link", name="Expédition au Lab IA", exact=True).is_visible()
    assert page.get_by_text(LIEU_DE_L_EXPEDITION).is_visible()
    verifier_accessibilite(page)
    page.get_by_role("link", name="Expédition au Lab IA", exact=True).click()
    page.get_by_role("heading", name="Expédition au Lab IA").wait_for()
    assert page.get_by_text(LIEU_DE_L_EXPEDITION).is_visible()
    page.go_back()

    page.get_by_role("link", name="S'abonner").click()
    page.get_by_role("heading", name="S'abonner à mon agenda").wait_for()
    verifier_accessibilite(page)
    lien = page.get_by_label("Adresse de votre agenda (iCalendar)").input_value()
    chemin = lien[lien.index("/agenda/"):]
    reponse = page.request.get(chemin)
    assert reponse.ok and reponse.headers["content-type"] == "text/calendar; charset=utf-8"
    titres = sorted(str(e["SUMMARY"]) for e in Calendar.from_ical(reponse.body()).walk("VEVENT"))
    assert titres == ["Conférence : l'écoconception des services", "Expédition au Lab IA"]

    page.get_by_role("button", name="Régénérer le lien").click()
    page.get_by_text("Votre nouveau lien d'abonnement est prêt").wait_for()
    nouveau = page.get_by_label("Adresse de votre agenda (iCalendar)").input_value()
    assert nouveau != lien
    assert page.request.get(chemin).status == 404
    assert page.request.get(nouveau[nouveau.index("/agenda/"):]).ok
