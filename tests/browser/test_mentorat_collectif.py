"""The mentorat collectif and facilitators in a real Chromium: an intervenante on the full masterclass she leads;
a parrain proposes a mentorat collectif, an EIG finds it from the mentorat page and joins it; axe-core on every
page."""

import re

import pytest

from accompagnement.factories import InscriptionFactory, SessionFactory
from accompagnement.models import Inscription, Session
from programme.factories import EIGFactory, IntervenantFactory, ParrainFactory, PromotionFactory
from tests.accompagnement.outils_mentorat import lundi
from tests.browser.connexion import connecter

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def promotion():
    return PromotionFactory(nom="Promotion 8", numero=8)


def test_l_intervenante_voit_qu_elle_anime_sa_masterclass_complete(page, live_server, promotion,
                                                                   verifier_accessibilite):
    """Her masterclass has 2 places, both taken: she reads that she leads it, with no waiting list offered."""
    intervenante = IntervenantFactory(promotion=promotion, prenom="Aurore", nom_usage="Vallée")
    session = SessionFactory(promotion=promotion, titre="Masterclass : l'accessibilité", capacite=2,
                             facilitateurs=[intervenante])
    for _ in range(2):
        InscriptionFactory(session=session, personne=EIGFactory(promotion=promotion))
    connecter(page, live_server, intervenante)
    page.goto(f"/sessions/{session.pk}/")
    page.get_by_role("heading", name="Vous animez cette session").wait_for()
    assert page.get_by_text("2 personnes inscrites").first.is_visible()
    assert page.get_by_role("button", name=re.compile("Rejoindre la liste d'attente|S'inscrire")).count() == 0
    verifier_accessibilite(page)


def test_un_parrain_propose_un_mentorat_collectif_qu_une_eig_rejoint(page, live_server, promotion,
                                                                    verifier_accessibilite):
    """The parrain fills in the proposal and lands on the session he leads; an EIG of the promotion finds it from
    the mentorat page and joins it."""
    parrain = ParrainFactory(promotion=promotion, prenom="Marion", nom_usage="Leclerc")
    eig = EIGFactory(promotion=promotion, prenom="Inès")
    connecter(page, live_server, parrain)
    page.goto("/mentorat/collectif/")
    verifier_accessibilite(page)
    page.get_by_role("link", name="Proposer un mentorat collectif").click()
    page.get_by_role("heading", name="Proposer un mentorat collectif").wait_for()
    verifier_accessibilite(page)
    page.get_by_label(re.compile("^Thème")).fill("Convaincre sa hiérarchie d'ouvrir ses données")
    page.get_by_label(re.compile("^La problématique partagée")).fill("Venez avec votre cas et vos questions.")
    page.get_by_label(re.compile("^Date")).fill(lundi(2).isoformat())
    page.get_by_label(re.compile("^Heure de début")).fill("14:00")
    page.get_by_label(re.compile("^Nombre de places")).fill("4")
    page.get_by_label(re.compile("^Qui peut s'inscrire")).select_option(label="Les EIG de la promotion")
    page.get_by_label(re.compile("^Lien de visioconférence")).fill("https://webinaire.numerique.gouv.fr/collectif")
    page.get_by_role("button", name="Proposer ce mentorat collectif").click()
    page.get_by_role("heading", name="Vous animez cette session").wait_for()
    session = Session.objects.get(dispositif__slug="mentorat-collectif")
    assert session.capacite == 4 and list(session.facilitateurs.all()) == [parrain]
    verifier_accessibilite(page)

    connecter(page, live_server, eig)
    page.goto("/mentorat/")
    page.get_by_role("link", name=re.compile("^Voir les mentorats collectifs")).click()
    page.get_by_role("heading", name="Les mentorats collectifs ouverts à vous").wait_for()
    verifier_accessibilite(page)
    page.get_by_role("button", name=re.compile("^S'inscrire")).click()
    page.get_by_text("Inscription confirmée").wait_for()
    assert session.inscriptions.get().personne == eig
    assert session.inscriptions.get().statut == Inscription.Statut.INSCRITE
    verifier_accessibilite(page)
