"""The météo pages beyond answering: the coaches' trends, alerts and histories (in constant queries), and the
only figure a promotion's EIG see — the average météo of closed rounds with at least five respondents."""

import pytest
from django.utils import timezone

from accompagnement.models import AlerteMeteo
from accompagnement.views.carnet import EIG_PAR_PAGE
from defis.factories import DefiFactory, MembreEquipeFactory
from programme.factories import CoachFactory, EIGFactory, PromotionFactory

from .outils_meteo import VagueMeteoFactory, reponse, vague_close

pytestmark = pytest.mark.django_db


@pytest.fixture
def promotion():
    return PromotionFactory(nom="Promotion 9")


@pytest.fixture
def coach(promotion):
    return CoachFactory(promotion=promotion)


def _peupler(promotion, nombre_eig, nombre_vagues):
    """`nombre_eig` EIG on défis, answering `nombre_vagues` closed rounds (one alert each) and invited to an open
    one."""
    eig = []
    for _ in range(nombre_eig):
        personne = EIGFactory(promotion=promotion)
        MembreEquipeFactory(defi=DefiFactory(promotion=promotion), personne=personne)
        eig.append(personne)
    for semaines in range(nombre_vagues, 0, -1):
        vague = vague_close(promotion, semaines_avant=2 * semaines)
        for n, personne in enumerate(eig):
            donnee = reponse(vague, personne, meteo=1 + (n + semaines) % 5, reussites=f"Réussite {personne.pk}")
        AlerteMeteo.objects.create(reponse=donnee, motif=AlerteMeteo.Motif.ECHANGE)
    ouverte = VagueMeteoFactory(promotion=promotion)
    for personne in eig:
        reponse(ouverte, personne)
    return eig


def test_les_coachs_voient_taux_moyennes_et_alertes(client, promotion, coach):
    """The coaches' page shows, per round, the response rate and the averages (chart and table), the open
    alerts with a link to the EIG's history, and each EIG with their latest météo."""
    eig = [EIGFactory(promotion=promotion, prenom=p, nom_usage="Test") for p in ("Ada", "Bruno", "Chloé")]
    vague = vague_close(promotion)
    reponse(vague, eig[0], meteo=4, vie_equipe=3, epanouissement=5)
    alerte_de = reponse(vague, eig[1], meteo=1, vie_equipe=2, epanouissement=2)
    reponse(vague, eig[2])
    AlerteMeteo.objects.create(reponse=alerte_de, motif=AlerteMeteo.Motif.PLUS_BAS)
    client.force_login(coach)
    contenu = client.get(f"/coachs/meteo/?promotion={promotion.pk}").content.decode()
    assert "2 sur 3 (67 %)" in contenu and "2,5" in contenu
    assert '<svg role="img"' in contenu and "Météo moyenne de la Promotion 9 par vague" in contenu
    assert "Météo au plus bas" in contenu and f"/coachs/meteo/eig/{eig[1].pk}/" in contenu
    assert "1 – Orage" in contenu and "Aucune réponse" in contenu


def test_un_coach_marque_une_alerte_comme_traitee(client, promotion, coach):
    """Marking an alert as handled records who and when, and it leaves the list of alerts to handle."""
    donnee = reponse(vague_close(promotion), meteo=1)
    alerte = AlerteMeteo.objects.create(reponse=donnee, motif=AlerteMeteo.Motif.PLUS_BAS)
    client.force_login(coach)
    page = client.post(f"/coachs/meteo/alertes/{alerte.pk}/traiter/", follow=True)
    assert page.redirect_chain[-1][0] == f"/coachs/meteo/?promotion={promotion.pk}"
    contenu = page.content.decode()
    assert "est marquée comme traitée" in contenu and "Aucune alerte en attente." in contenu
    alerte.refresh_from_db()
    assert alerte.traitee_par == coach and alerte.traitee_le is not None


def test_l_historique_d_un_eig_montre_chaque_vague(client, promotion, coach):
    """An EIG's history shows the coaches every round: levels, texts, alerts, and the rounds left unanswered."""
    eig = EIGFactory(promotion=promotion, prenom="Inès", nom_usage="Martin")
    donnee = reponse(vague_close(promotion, semaines_avant=4), eig, meteo=2, reussites="Un beau comité.",
                     difficultes="Pas d'accès aux données.", souhaite_echanger=True)
    AlerteMeteo.objects.create(reponse=donnee, motif=AlerteMeteo.Motif.ECHANGE)
    reponse(vague_close(promotion), eig)
    client.force_login(coach)
    contenu = client.get(f"/coachs/meteo/eig/{eig.pk}/").content.decode()
    assert "Météo de Inès Martin" in contenu and "2 – Pluie" in contenu and "Un beau comité." in contenu
    assert "Souhaite échanger avec un coach" in contenu and "Pas de réponse à cette vague." in contenu


def test_les_pages_des_coachs_ont_un_nombre_de_requetes_constant(client, promotion, coach,
                                                                 django_assert_max_num_queries):
    """The coaches' page and an EIG's history cost the same queries for 2 EIG × 2 rounds as for 8 EIG × 6."""
    petits = _peupler(promotion, 2, 2)
    grande = PromotionFactory(nom="Promotion 10")
    grands = _peupler(grande, 8, 6)
    client.force_login(coach)
    for promo, eig in [(promotion, petits[0]), (grande, grands[0])]:
        with django_assert_max_num_queries(14):
            assert client.get(f"/coachs/meteo/?promotion={promo.pk}").status_code == 200
        with django_assert_max_num_queries(8):
            assert client.get(f"/coachs/meteo/eig/{eig.pk}/").status_code == 200


def _vague_avec(promotion, repondants, close=True, meteo=4):
    vague = vague_close(promotion) if close else VagueMeteoFactory(promotion=promotion)
    for _ in range(repondants):
        reponse(vague, meteo=meteo)
    reponse(vague)
    return vague


def test_la_promotion_ne_voit_que_les_vagues_closes_d_au_moins_cinq(client, promotion):
    """A promotion's EIG see the average météo of a closed round with five respondents (other than them);
    nothing of a closed round with four, nor of an open round, whatever its number of answers; no individual
    answer."""
    cinq = vague_close(promotion, semaines_avant=6)
    for meteo in (1, 2, 3, 4, 5):
        reponse(cinq, meteo=meteo, reussites="Texte individuel")
    _vague_avec(promotion, 4)
    ouverte = _vague_avec(promotion, 8, close=False, meteo=1)
    eig = EIGFactory(promotion=promotion)
    client.force_login(eig)
    contenu = client.get("/meteo/promotion/").content.decode()
    assert f"{cinq.date.day} " in contenu and "3,0 sur 5" in contenu
    assert "4,0 sur 5" not in contenu and "1,0 sur 5" not in contenu
    assert contenu.count("sur 5</td>") == 1 and "Texte individuel" not in contenu
    assert ouverte.reponses.filter(repondue_le__isnull=False).count() == 8


def test_sa_propre_reponse_ne_compte_pas_dans_le_seuil(client, promotion):
    """Among five respondents, one knows their own answer and would learn the average of the four others: the
    round's average is hidden from them, and shown to an EIG who did not answer."""
    vague = vague_close(promotion)
    repondants = [reponse(vague, meteo=meteo).eig for meteo in (1, 2, 3, 4, 5)]
    client.force_login(repondants[0])
    assert "3,0 sur 5" not in client.get("/meteo/promotion/").content.decode()
    client.force_login(EIGFactory(promotion=promotion))
    assert "3,0 sur 5" in client.get("/meteo/promotion/").content.decode()
    reponse(vague, meteo=3)
    client.force_login(repondants[0])
    assert "3,0 sur 5" in client.get("/meteo/promotion/").content.decode()


def test_la_moyenne_d_une_vague_apparait_a_sa_cloture(client, promotion):
    """An open round's average appears on the promotion's page only once the round is closed."""
    vague = _vague_avec(promotion, 6, close=False, meteo=2)
    client.force_login(EIGFactory(promotion=promotion))
    assert "2,0 sur 5" not in client.get("/meteo/promotion/").content.decode()
    vague.cloturee_le = timezone.now()
    vague.save()
    assert "2,0 sur 5" in client.get("/meteo/promotion/").content.decode()


def test_les_pages_des_eig_ont_un_nombre_de_requetes_constant(client, django_assert_max_num_queries):
    """« Ma météo » and the promotion's page cost the same queries for an EIG with 2 rounds as with 6."""
    for nombre in (2, 6):
        eig = _peupler(PromotionFactory(nom=f"Promotion {nombre} vagues"), 6, nombre)[0]
        client.force_login(eig)
        with django_assert_max_num_queries(8):
            assert client.get("/meteo/").status_code == 200
        with django_assert_max_num_queries(8):
            assert client.get("/meteo/promotion/").status_code == 200


def test_les_eig_de_la_meteo_des_coachs_se_lisent_page_par_page(client, promotion, coach):
    """Beyond a page of EIG, the coaches' météo lists the others on the next page, each EIG on exactly one of them,
    while the chart and its table stay on every page."""
    eig = _peupler(promotion, EIG_PAR_PAGE + 2, 1)
    client.force_login(coach)
    pages = [client.get(f"/coachs/meteo/?promotion={promotion.pk}&page={numero}").content.decode()
             for numero in (1, 2)]
    assert f"?promotion={promotion.pk}&amp;page=2" in pages[0]
    assert all('id="tableau-meteo"' in page for page in pages)
    tableaux = [page.split('id="titre-eig"')[1] for page in pages]
    for personne in eig:
        assert sum(f'href="/coachs/meteo/eig/{personne.pk}/">' in tableau for tableau in tableaux) == 1
