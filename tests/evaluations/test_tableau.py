"""The coaches' board: each défi's comité date, support and rapport status, filterable, in constant queries;
and the creation of a phase's comités from it."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from defis.factories import DefiFactory
from evaluations.factories import ComiteFactory, ObjectifFactory, RapportFactory, SupportFactory
from evaluations.models import Comite
from evaluations.selectors import tableau_comites
from evaluations.services.rapports import rapport_publier
from evaluations.services.supports import support_soumettre
from evaluations.views.tableau import LIGNES_PAR_PAGE

pytestmark = pytest.mark.django_db


def _defis_avec_tout(promotion, nombre, coach):
    """`nombre` défis, each with a phase-2 comité, a submitted support and a published rapport."""
    for _ in range(nombre):
        defi = DefiFactory(promotion=promotion)
        comite = ComiteFactory(defi=defi, numero=2, debut=timezone.now() - datetime.timedelta(hours=2),
                               coachs=[coach])
        support = SupportFactory(comite=comite)
        ObjectifFactory(support=support)
        support_soumettre(support, par=coach)
        rapport_publier(RapportFactory(comite=comite), par=coach)


@pytest.fixture
def tableau(equipe):
    """Four défis in phase 2: missing support (deadline to come), draft, submitted in time, late."""
    promotion, coach = equipe["promotion"], equipe["coach"]
    futur = timezone.now() + datetime.timedelta(days=20)
    manquant = ComiteFactory(defi=equipe["defi"], numero=2, debut=futur, coachs=[coach])
    brouillon = ComiteFactory(defi=DefiFactory(promotion=promotion, titre="Brouillon"), numero=2, debut=futur)
    SupportFactory(comite=brouillon)
    a_l_heure = ComiteFactory(defi=DefiFactory(promotion=promotion, titre="À l'heure"), numero=2, debut=futur)
    ObjectifFactory(support=SupportFactory(comite=a_l_heure))
    support_soumettre(a_l_heure.support, par=coach)
    RapportFactory(comite=a_l_heure)
    retard = ComiteFactory(defi=DefiFactory(promotion=promotion, titre="Retard"), numero=2,
                           debut=timezone.now() - datetime.timedelta(days=1))
    ObjectifFactory(support=SupportFactory(comite=retard))
    support_soumettre(retard.support, par=coach)
    rapport_publier(RapportFactory(comite=retard), par=coach)
    DefiFactory(promotion=promotion, titre="Sans comité")
    return {"manquant": manquant, "brouillon": brouillon, "a_l_heure": a_l_heure, "retard": retard}


def test_chaque_defi_a_son_statut_de_support_et_de_rapport(equipe, tableau):
    """Manquant, brouillon, soumis, en retard; à écrire, brouillon, publié — one line per défi."""
    lignes = {ligne.defi.titre: (ligne.statut_support, ligne.statut_rapport)
              for ligne in tableau_comites(equipe["promotion"], 2)}
    assert lignes == {
        "Hospi'Flux": ("manquant", "a_ecrire"), "Brouillon": ("brouillon", "a_ecrire"),
        "À l'heure": ("soumis", "brouillon"), "Retard": ("en_retard", "publie"),
        "Sans comité": ("manquant", "a_ecrire"),
    }


def test_un_support_non_soumis_apres_l_echeance_est_en_retard(equipe, tableau):
    """Once the deadline has passed, a draft counts as late."""
    tableau["brouillon"].echeance_support = timezone.now() - datetime.timedelta(minutes=1)
    tableau["brouillon"].save()
    lignes = tableau_comites(equipe["promotion"], 2, statut_support_filtre="en_retard")
    assert {ligne.defi.titre for ligne in lignes} == {"Brouillon", "Retard"}


def test_le_tableau_se_filtre_par_statut_et_par_titre(client, equipe, tableau):
    """The page filters by support status, rapport status and a word of the title."""
    client.force_login(equipe["coach"])
    url = f"/evaluations/?promotion={equipe['promotion'].pk}&phase=2"
    page = client.get(url + "&support=soumis").content.decode()
    assert "À l&#x27;heure" in page and "Brouillon</a>" not in page and "1 défi" in page
    page = client.get(url + "&rapport=publie").content.decode()
    assert "Retard</a>" in page and "1 défi" in page
    page = client.get(url + "&recherche=hospi").content.decode()
    assert "Hospi&#x27;Flux" in page and "1 défi" in page


def test_le_tableau_fait_le_meme_nombre_de_requetes_pour_2_ou_12_defis(client, equipe, django_assert_max_num_queries):
    """The number of queries does not grow with the number of défis."""
    client.force_login(equipe["coach"])
    url = f"/evaluations/?promotion={equipe['promotion'].pk}&phase=2"
    _defis_avec_tout(equipe["promotion"], 2, equipe["coach"])
    with CaptureQueriesContext(connection) as petit:
        assert client.get(url).status_code == 200
    _defis_avec_tout(equipe["promotion"], 10, equipe["coach"])
    with django_assert_max_num_queries(len(petit)):
        reponse = client.get(url)
    page = reponse.content.decode()
    assert page.count('<th scope="row">') == LIGNES_PAR_PAGE


def test_le_tableau_se_lit_page_par_page_et_chaque_statut_mene_a_sa_page(client, equipe):
    """Beyond a page of défis, the board goes on to the next page, keeping its filters; each status badge links
    to the support or the rapport it speaks of."""
    client.force_login(equipe["coach"])
    _defis_avec_tout(equipe["promotion"], LIGNES_PAR_PAGE + 2, equipe["coach"])
    url = f"/evaluations/?promotion={equipe['promotion'].pk}&phase=2"
    premiere = client.get(url).content.decode()
    assert premiere.count('<th scope="row">') == LIGNES_PAR_PAGE
    assert f"{LIGNES_PAR_PAGE + 3} défis" in premiere  # the team's own défi, without comité, is the third more
    assert f"?promotion={equipe['promotion'].pk}&amp;phase=2&amp;page=2" in premiere
    suivante = client.get(url + "&page=2").content.decode()
    assert suivante.count('<th scope="row">') == 3
    assert premiere.count("Publié<span") + suivante.count("Publié<span") == LIGNES_PAR_PAGE + 2
    slug = re.search(r'href="/defis/([^/"]+)/evaluations/"', suivante).group(1)
    assert f'href="/defis/{slug}/evaluations/phase-2/rapport/">Publié<span class="fr-sr-only"> — ouvrir le rapport' in (
        suivante)


def test_un_coach_cree_les_comites_de_la_phase_une_seule_fois(client, equipe, tableau):
    """The button creates the comité of the défi without one, with the coach on it; again, nothing more."""
    client.force_login(equipe["coach"])
    donnees = {"promotion": equipe["promotion"].pk, "phase": 2}
    reponse = client.post("/evaluations/comites/creer/", donnees, follow=True)
    assert "1 comité(s) créé(s)" in reponse.content.decode()
    comite = Comite.objects.get(defi__titre="Sans comité")
    assert list(comite.coachs.all()) == [equipe["coach"]]
    reponse = client.post("/evaluations/comites/creer/", donnees, follow=True)
    assert "Chaque défi a déjà son comité" in reponse.content.decode()
    assert Comite.objects.filter(phase__numero=2).count() == 5


@pytest.mark.parametrize("donnees", [
    {"promotion": "abc", "phase": "2"}, {"phase": "2"}, {"promotion": "1", "phase": "x"},
])
def test_creer_les_comites_avec_une_promotion_ou_une_phase_illisible_repond_404(client, equipe, donnees):
    """A forged form (a promotion or phase that is not a number) is a 404, never a server error; nothing is created."""
    client.force_login(equipe["coach"])
    assert client.post("/evaluations/comites/creer/", donnees).status_code == 404
    assert not Comite.objects.exists()
