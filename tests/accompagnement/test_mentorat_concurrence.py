"""Two people never hold the same slot, even when they ask at the same instant: PostgreSQL refuses the second."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from accompagnement.factories import CreneauFactory
from accompagnement.models import Cycle, Reservation
from accompagnement.selectors.mentorat import valeur_de_cycle
from programme.factories import CoachFactory, EIGFactory, PromotionFactory

from .outils_mentorat import a_paris, lundi

DEMANDES = 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_vingt_demandes_simultanees_du_meme_creneau_finissent_en_une_seule_reservation():
    """20 EIG post at once a cycle whose first slot is the same for all (the three others their own): exactly
    one cycle is booked, the 19 others get the message and keep nothing, and no request fails."""
    promotion = PromotionFactory()
    coach = CoachFactory(promotion=promotion)
    dispute = CreneauFactory(mentor=coach, debut=a_paris(lundi(), 10))
    demandes = []
    for rang in range(DEMANDES):
        eig = EIGFactory(promotion=promotion)
        # Each EIG's three later séances are theirs alone: the only slot in dispute is the first.
        propres = [
            CreneauFactory(mentor=coach, debut=a_paris(lundi(1 + semaine) + datetime.timedelta(days=rang % 5),
                                                       8 + 2 * (rang // 5)))
            for semaine in (1, 2, 3)
        ]
        client = Client()
        client.force_login(eig)
        demandes.append((client, valeur_de_cycle(coach.pk, [dispute, *propres])))
    depart = threading.Barrier(DEMANDES)

    def reserver(demande):
        client, cycle = demande
        try:
            depart.wait()
            return client.post("/mentorat/reserver/individuel/", {"cycle": cycle, "besoins": "Mes besoins."})
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=DEMANDES) as executeur:
        reponses = list(executeur.map(reserver, demandes))

    assert sorted(r.status_code for r in reponses) == [200] * (DEMANDES - 1) + [302]
    refusees = [r.content.decode() for r in reponses if r.status_code == 200]
    assert all("Ce créneau vient d&#x27;être réservé par quelqu&#x27;un d&#x27;autre" in page for page in refusees)
    assert Cycle.objects.count() == 1
    assert Reservation.objects.count() == 4
    assert Reservation.objects.filter(creneau=dispute).count() == 1
