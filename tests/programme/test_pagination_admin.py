"""The administration's lists of long tables: the whole of a table PostgreSQL estimates beyond COMPTE_EXACT_MAX rows
is not counted row by row at each visit; a filtered or searched list is counted exactly."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programme.factories import CoachFactory, PersonneFactory
from programme.models import Notification

pytestmark = pytest.mark.django_db


def _notifications(nombre):
    destinataire = PersonneFactory()
    Notification.objects.bulk_create(
        Notification(cle=f"essai-{rang}", destinataire=destinataire, adresse=destinataire.email,
                     sujet=f"Rappel n° {rang}", categorie=Notification.Categorie.RESUME_HEURES if rang % 2 else
                     Notification.Categorie.SERVICE)
        for rang in range(nombre))


def _liste(client, adresse):
    with CaptureQueriesContext(connection) as requetes:
        reponse = client.get(adresse)
    assert reponse.status_code == 200
    comptes = [q["sql"] for q in requetes.captured_queries if 'COUNT(*)' in q["sql"]
               and "programme_notification" in q["sql"]]
    return reponse, comptes


@pytest.mark.postgres
def test_la_liste_entiere_d_une_longue_table_prend_l_estimation(client, monkeypatch):
    monkeypatch.setattr("programme.pagination.COMPTE_EXACT_MAX", 5)
    _notifications(12)
    with connection.cursor() as curseur:
        curseur.execute("ANALYZE programme_notification")
    client.force_login(CoachFactory())
    reponse, comptes = _liste(client, "/admin/programme/notification/")
    assert comptes == []
    assert reponse.context["cl"].result_count == 12
    assert len(reponse.context["cl"].result_list) == 12


def test_une_liste_filtree_ou_courte_est_comptee_exactement(client, monkeypatch):
    monkeypatch.setattr("programme.pagination.COMPTE_EXACT_MAX", 5)
    _notifications(12)
    client.force_login(CoachFactory())
    filtre = f"categorie__exact={Notification.Categorie.RESUME_HEURES}"
    filtree, comptes = _liste(client, f"/admin/programme/notification/?{filtre}")
    assert len(comptes) == 1 and filtree.context["cl"].result_count == 6
    assert filtree.context["cl"].full_result_count is None
    monkeypatch.setattr("programme.pagination.COMPTE_EXACT_MAX", 50)
    entiere, comptes = _liste(client, "/admin/programme/notification/")
    assert len(comptes) == 1 and entiere.context["cl"].result_count == 12
