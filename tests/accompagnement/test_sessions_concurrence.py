"""Sessions under concurrent registrations, on PostgreSQL: the capacity holds, the waiting list takes the rest."""

import threading

import pytest
from django.db import connection

from accompagnement.factories import SessionFactory
from accompagnement.models import Inscription
from accompagnement.services.sessions import session_inscrire
from programme.factories import EIGFactory, PromotionFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dix_inscriptions_simultanees_pour_trois_places():
    """Ten EIG register at the same instant to a session of three seats: exactly three are registered and
    seven wait, without any error."""
    promotion = PromotionFactory()
    session = SessionFactory(promotion=promotion, capacite=3)
    eig = [EIGFactory(promotion=promotion) for _ in range(10)]
    depart = threading.Barrier(len(eig))
    erreurs = []

    def s_inscrire(personne):
        try:
            depart.wait()
            session_inscrire(session, personne)
        except Exception as erreur:  # noqa: BLE001 — collected and asserted below
            erreurs.append(erreur)
        finally:
            connection.close()

    fils = [threading.Thread(target=s_inscrire, args=(personne,)) for personne in eig]
    for fil in fils:
        fil.start()
    for fil in fils:
        fil.join()

    assert erreurs == []
    statuts = list(Inscription.objects.filter(session=session).values_list("statut", flat=True))
    assert statuts.count(Inscription.Statut.INSCRITE) == 3
    assert statuts.count(Inscription.Statut.ATTENTE) == 7
