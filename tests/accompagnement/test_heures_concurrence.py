"""The monthly cap of heures d'accélération holds in the database transaction, even under concurrent entries."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from accompagnement.models import HeureAcceleration
from accompagnement.services.heures import PlafondDepasse, heure_saisir
from defis.factories import DefiFactory
from programme.factories import ParrainFactory, PromotionFactory

SAISIES = 10


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dix_saisies_simultanees_ne_depassent_jamais_le_plafond():
    """10 entries of 45 minutes at once by one parrain on two défis: exactly 6 pass (4 h 30), the 4 others are
    refused with the cap's message, and the month's sum never exceeds 5 h."""
    promotion = PromotionFactory()
    defis = [DefiFactory(promotion=promotion), DefiFactory(promotion=promotion)]
    parrain = ParrainFactory(promotion=promotion)
    depart = threading.Barrier(SAISIES)

    def saisir(rang):
        try:
            depart.wait()
            heure_saisir(parrain, defis[rang % 2], timezone.localdate(), 45, f"Saisie n° {rang}")
            return "acceptée"
        except PlafondDepasse as erreur:
            return erreur.messages[0]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=SAISIES) as executeur:
        resultats = list(executeur.map(saisir, range(SAISIES)))

    assert resultats.count("acceptée") == 6
    refus = [r for r in resultats if r != "acceptée"]
    assert refus == ["Il vous reste 0 h 30 ce mois-ci ; cette saisie de 0 h 45 dépasserait le plafond de 5 h."] * 4
    assert HeureAcceleration.objects.count() == 6
    assert HeureAcceleration.objects.aggregate(total=Sum("duree_minutes"))["total"] == 270


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_le_plafond_de_chaque_parrain_tient_sous_des_saisies_simultanees_melees():
    """Two parrains filling their month at once, entries interleaved: each reaches exactly 5 h, never more."""
    promotion = PromotionFactory()
    defi = DefiFactory(promotion=promotion)
    parrains = [ParrainFactory(promotion=promotion), ParrainFactory(promotion=promotion)]
    depart = threading.Barrier(SAISIES)

    def saisir(rang):
        try:
            depart.wait()
            heure_saisir(parrains[rang % 2], defi, timezone.localdate(), 75, "Accompagnement")
            return True
        except PlafondDepasse:
            return False
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=SAISIES) as executeur:
        assert sum(executeur.map(saisir, range(SAISIES))) == 8
    for parrain in parrains:
        assert HeureAcceleration.objects.filter(parrain=parrain).aggregate(total=Sum("duree_minutes"))["total"] == 300
