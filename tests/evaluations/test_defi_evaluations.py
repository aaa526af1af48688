"""The team's view of a défi: its comités, supports and published rapports across the four phases."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluations.factories import ComiteFactory, RapportFactory, SupportFactory
from evaluations.services.rapports import rapport_publier

pytestmark = pytest.mark.django_db


@pytest.fixture
def deux_phases(equipe):
    """Phase 1's comité is past with a published rapport; phase 2's is to come, with a draft support."""
    passe = ComiteFactory(defi=equipe["defi"], numero=1, debut=timezone.now() - datetime.timedelta(days=30),
                          coachs=[equipe["coach"]])
    rapport_publier(RapportFactory(comite=passe), par=equipe["coach"])
    a_venir = ComiteFactory(defi=equipe["defi"], numero=2, debut=timezone.now() + datetime.timedelta(days=20))
    SupportFactory(comite=a_venir)
    RapportFactory(comite=a_venir)
    return passe, a_venir


def _page(client, personne, defi):
    client.force_login(personne)
    return client.get(f"/defis/{defi.slug}/evaluations/").content.decode()


def test_l_equipe_voit_les_quatre_phases_en_frise(client, equipe, deux_phases):
    """An ordered list of the four phases; the rapport of phase 1 to read, the support of phase 2."""
    page = _page(client, equipe["eig"], equipe["defi"])
    assert page.count('class="magellan-frise__etape') == 4
    assert '<ol class="magellan-frise"' in page
    for nom in ["Valider l&#x27;hypothèse", "Prouver le concept", "Prouver la valeur", "Amplifier l&#x27;impact"]:
        assert nom in page
    assert "Lire le rapport" in page and "Voir le support" in page
    assert "Le comité de cette phase n'est pas encore planifié." in page
    assert "Phase en cours" in page


def test_le_sponsor_voit_les_rapports_publies_mais_ni_supports_ni_brouillons(client, equipe, deux_phases):
    """The sponsor reads phase 1's published rapport; no support link, no draft rapport."""
    page = _page(client, equipe["sponsor"], equipe["defi"])
    assert "Lire le rapport" in page
    assert "Voir le support" not in page and "Ouvrir le rapport" not in page


def test_la_frise_fait_un_nombre_constant_de_requetes(client, equipe, deux_phases, django_assert_max_num_queries):
    """Two comités or four, each with its support and rapport: the page makes the same number of queries."""
    client.force_login(equipe["coach"])
    url = f"/defis/{equipe['defi'].slug}/evaluations/"
    with CaptureQueriesContext(connection) as deux:
        assert client.get(url).status_code == 200
    for numero in (3, 4):
        comite = ComiteFactory(defi=equipe["defi"], numero=numero, coachs=[equipe["coach"]])
        SupportFactory(comite=comite)
        RapportFactory(comite=comite)
    with django_assert_max_num_queries(len(deux)):
        page = client.get(url).content.decode()
    assert page.count("Ouvrir le rapport") == 3
