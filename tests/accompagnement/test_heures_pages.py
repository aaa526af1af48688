"""Heures d'accélération pages: the parrain's month and entry form, the team's hours, the coaches' tables."""

import datetime

import pytest
from django.utils import timezone

from accompagnement.factories import HeureAccelerationFactory
from accompagnement.models import HeureAcceleration
from defis.factories import DefiFactory, MembreEquipeFactory
from programme.dates import premier_du_mois
from programme.factories import CoachFactory, ParrainFactory, PromotionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def promotion():
    return PromotionFactory(nom="Promotion 8", numero=8)


@pytest.fixture
def defi(promotion):
    return DefiFactory(promotion=promotion, titre="Hospi'Flux")


@pytest.fixture
def parrain(promotion):
    return ParrainFactory(promotion=promotion, prenom="Mathilde", nom_usage="Hoang")


def _poster(client, defi, minutes, sujet="Ouverture des données de santé"):
    return client.post("/heures/", {
        "date": timezone.localdate().isoformat(), "defi": defi.pk, "duree_minutes": minutes, "sujet": sujet,
    })


def test_un_parrain_consigne_des_heures_et_les_voit_dans_son_mois(client, parrain, defi):
    """The entry is saved; the month shows it, with what is left under the cap."""
    client.force_login(parrain)
    reponse = _poster(client, defi, 90)
    assert reponse.status_code == 302
    page = client.get(reponse.url).content.decode()
    assert "Saisie enregistrée : 1 h 30 pour « Hospi&#x27;Flux »" in page
    assert "Ouverture des données de santé" in page and "il vous reste <strong>3 h 30</strong>" in page


def test_au_dela_du_plafond_le_parrain_voit_ce_qui_reste_et_garde_sa_saisie(client, parrain, defi):
    """Past the cap: the error says the hours left, nothing is written, and the form keeps défi, duration, topic."""
    HeureAccelerationFactory(parrain=parrain, defi=defi, duree_minutes=225)
    client.force_login(parrain)
    reponse = _poster(client, defi, 120, sujet="Atelier d'idéation")
    page = reponse.content.decode()
    assert reponse.status_code == 200
    assert "Il vous reste 1 h 15 ce mois-ci ; cette saisie de 2 h dépasserait le plafond de 5 h." in page
    assert 'value="Atelier d&#x27;idéation"' in page
    assert '<option value="120" selected>2 h</option>' in page
    assert f'<option value="{defi.pk}" selected>' in page
    assert HeureAcceleration.objects.count() == 1


def test_le_formulaire_ne_propose_que_les_defis_de_ses_promotions(client, parrain, defi):
    """A défi of another promotion is not among the choices."""
    autre = DefiFactory(promotion=PromotionFactory(), titre="Greffe numérique")
    client.force_login(parrain)
    page = client.get("/heures/").content.decode()
    assert "Hospi&#x27;Flux (Promotion 8)" in page and autre.titre not in page
    assert _poster(client, autre, 60).status_code == 200
    assert not HeureAcceleration.objects.exists()


def test_un_parrain_supprime_une_saisie_de_son_mois(client, parrain, defi):
    """Deleting an entry shows the month without it."""
    heure = HeureAccelerationFactory(parrain=parrain, defi=defi, sujet="Sujet à supprimer")
    client.force_login(parrain)
    page = client.post(f"/heures/{heure.pk}/supprimer/", follow=True).content.decode()
    assert "est supprimée" in page and "Sujet à supprimer" not in page
    assert not HeureAcceleration.objects.exists()


def test_le_mois_precedent_se_consulte(client, parrain, defi):
    """`?mois=` shows another month's entries; this month's are not there."""
    premier = premier_du_mois(timezone.localdate())
    mois_dernier = premier - datetime.timedelta(days=3)
    HeureAccelerationFactory(parrain=parrain, defi=defi, date=mois_dernier, sujet="Le mois dernier")
    HeureAccelerationFactory(parrain=parrain, defi=defi, sujet="Ce mois-ci")
    client.force_login(parrain)
    page = client.get(f"/heures/?mois={mois_dernier:%Y-%m}").content.decode()
    assert "Le mois dernier" in page and "Ce mois-ci</td>" not in page and "Mois suivant" in page


def test_l_equipe_voit_les_heures_recues_par_son_defi(client, parrain, defi):
    """The défi's EIG sees every entry with its parrain and the total per month."""
    eig = MembreEquipeFactory(defi=defi).personne
    HeureAccelerationFactory(parrain=parrain, defi=defi, duree_minutes=75, sujet="Revue du code")
    HeureAccelerationFactory(defi=defi, duree_minutes=30)
    client.force_login(eig)
    page = client.get(f"/defis/{defi.slug}/heures/").content.decode()
    assert "Mathilde Hoang" in page and "Revue du code" in page and "1 h 45</strong> en tout" in page


def test_le_coach_voit_la_consommation_par_parrain_et_par_defi(client, parrain, defi, promotion):
    """The coaches' tables: each parrain of the promotion against the cap (even at zero), each défi helped."""
    CoachFactory(promotion=promotion)
    ParrainFactory(promotion=promotion, prenom="Léry", nom_usage="Jicquel")
    HeureAccelerationFactory(parrain=parrain, defi=defi, duree_minutes=180)
    client.force_login(CoachFactory(promotion=promotion))
    page = client.get(f"/heures/suivi/?promotion={promotion.pk}&mois={timezone.localdate():%Y-%m}").content.decode()
    assert "Mathilde Hoang" in page and "Léry Jicquel" in page
    assert '<td class="magellan-duree">3 h <progress' in page and '<td class="magellan-duree">2 h</td>' in page
    assert "Hospi&#x27;Flux" in page
    assert "Mois par mois — Promotion 8" in page


def test_le_suivi_s_ouvre_sur_la_promotion_en_cours(client, parrain, defi, promotion):
    """Without filters, the page shows the running promotion and this month."""
    client.force_login(CoachFactory(promotion=promotion))
    page = client.get("/heures/suivi/").content.decode()
    assert f'<option value="{promotion.pk}" selected>' in page and "Mois par mois — Promotion 8" in page


@pytest.mark.parametrize("url", ["/heures/", "/heures/suivi/", "/defis/{slug}/heures/"])
def test_les_pages_des_heures_ont_un_nombre_de_requetes_constant(client, promotion, parrain, defi, url,
                                                                 django_assert_max_num_queries):
    """More parrains, défis and entries: the same queries."""
    coach = CoachFactory(promotion=promotion)
    membre = MembreEquipeFactory(defi=defi).personne
    qui = {"/heures/": parrain, "/heures/suivi/": coach}.get(url, membre)
    adresse = url.format(slug=defi.slug)
    HeureAccelerationFactory(parrain=parrain, defi=defi, duree_minutes=15)
    client.force_login(qui)
    with django_assert_max_num_queries(12) as requetes:
        client.get(adresse)
    une_fois = len(requetes.captured_queries)
    for _ in range(6):
        autre_defi = DefiFactory(promotion=promotion)
        HeureAccelerationFactory(parrain=parrain, defi=autre_defi, duree_minutes=15)
        HeureAccelerationFactory(defi=defi, duree_minutes=30)
        HeureAccelerationFactory(defi=autre_defi, duree_minutes=30)
    with django_assert_max_num_queries(une_fois):
        assert client.get(adresse).status_code == 200


def test_l_administration_des_heures_s_ouvre_pour_un_coach(client, parrain, defi, promotion):
    """The coaches search, filter and open entries in the admin."""
    heure = HeureAccelerationFactory(parrain=parrain, defi=defi)
    client.force_login(CoachFactory(promotion=promotion))
    assert client.get("/admin/accompagnement/heureacceleration/?q=Hoang").status_code == 200
    assert client.get("/admin/accompagnement/heureacceleration/add/").status_code == 200
    assert client.get(f"/admin/accompagnement/heureacceleration/{heure.pk}/change/").status_code == 200
