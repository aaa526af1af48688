"""Heures d'accélération: the guards a planted bug once slipped past — another parrain's entry, the cap of a
parrain of two promotions, the first day of a month."""

import datetime

import pytest
from django.utils import timezone

from accompagnement.factories import HeureAccelerationFactory
from accompagnement.models import HeureAcceleration
from accompagnement.services.heures import PlafondDepasse, heure_saisir
from defis.factories import DefiFactory
from programme.dates import premier_du_mois
from programme.factories import ParrainFactory, PromotionFactory, RoleFactory
from programme.models import Role

pytestmark = pytest.mark.django_db

CINQ_HEURES = 300


@pytest.fixture
def promotion():
    return PromotionFactory()


@pytest.fixture
def defi(promotion):
    return DefiFactory(promotion=promotion)


@pytest.fixture
def parrain(promotion):
    return ParrainFactory(promotion=promotion)


def test_un_autre_parrain_ne_supprime_pas_les_heures_d_un_parrain(client, promotion, defi, parrain):
    """A second parrain of the same promotion posts the deletion of the first one's entry: the page answers
    as if it did not exist, and the entry stays in the first parrain's month."""
    heure = HeureAccelerationFactory(parrain=parrain, defi=defi, sujet="Revue d'architecture")
    client.force_login(ParrainFactory(promotion=promotion))

    reponse = client.post(f"/heures/{heure.pk}/supprimer/")

    assert reponse.status_code == 404
    assert HeureAcceleration.objects.filter(pk=heure.pk, parrain=parrain).exists()
    client.force_login(parrain)
    assert "Revue d&#x27;architecture" in client.get("/heures/").content.decode()


def test_les_heures_d_une_promotion_ne_comptent_pas_dans_le_plafond_d_une_autre(parrain, defi):
    """A parrain of two promotions who gave their five hours this month to a défi of the first still gives five
    hours to a défi of the second; a sixth hour to the first is refused."""
    autre_promotion = PromotionFactory()
    RoleFactory(personne=parrain, promotion=autre_promotion, type=Role.Type.PARRAIN)
    aujourd_hui = timezone.localdate()
    heure_saisir(parrain, defi, aujourd_hui, CINQ_HEURES, "Revue de code")

    ailleurs = heure_saisir(parrain, DefiFactory(promotion=autre_promotion), aujourd_hui, CINQ_HEURES, "Atelier")

    assert ailleurs.duree_minutes == CINQ_HEURES
    with pytest.raises(PlafondDepasse):
        heure_saisir(parrain, defi, aujourd_hui, 60, "Une heure de plus")
    assert HeureAcceleration.objects.filter(parrain=parrain).count() == 2


def _fin_du_mois_dernier_et_premier_de_ce_mois():
    premier = premier_du_mois(timezone.localdate())
    return premier - datetime.timedelta(days=1), premier


def test_le_premier_du_mois_ne_compte_pas_dans_le_mois_precedent(parrain, defi):
    """The cap filled on the last day of last month, five hours on the 1st of this month are accepted."""
    dernier_jour, premier = _fin_du_mois_dernier_et_premier_de_ce_mois()
    heure_saisir(parrain, defi, dernier_jour, CINQ_HEURES, "Fin de mois")

    assert heure_saisir(parrain, defi, premier, CINQ_HEURES, "Début de mois").date == premier


def test_le_dernier_jour_du_mois_ne_compte_pas_dans_le_mois_suivant(parrain, defi):
    """The cap filled on the 1st of this month, five hours on the last day of last month are accepted."""
    dernier_jour, premier = _fin_du_mois_dernier_et_premier_de_ce_mois()
    heure_saisir(parrain, defi, premier, CINQ_HEURES, "Début de mois")

    assert heure_saisir(parrain, defi, dernier_jour, CINQ_HEURES, "Fin de mois").date == dernier_jour


def test_le_premier_du_mois_compte_dans_son_mois(parrain, defi):
    """The cap filled on the 1st of this month, a quarter hour today (the same month) is refused."""
    _dernier_jour, premier = _fin_du_mois_dernier_et_premier_de_ce_mois()
    heure_saisir(parrain, defi, premier, CINQ_HEURES, "Début de mois")

    with pytest.raises(PlafondDepasse):
        heure_saisir(parrain, defi, timezone.localdate(), 15, "Encore")
