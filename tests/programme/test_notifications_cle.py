"""The unique key of a notification is held by the database, not only by the check that `notifier` makes first:
a second row of one key is refused, and two workers notifying with one key at the same moment send one e-mail."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction

from programme.factories import PersonneFactory
from programme.models import Notification
from programme.notifications import Envoi, notifier, notifier_plusieurs


def _envoi(personne, cle):
    return Envoi(personne=personne, cle=cle, gabarit="programme/emails/invitation", sujet="Bienvenue",
                 contexte={"role": None}, lien="http://testserver/espace/")


def _ligne(personne, cle):
    return Notification(cle=cle, destinataire=personne, adresse=personne.email, sujet="[Magellan] Bienvenue")


@pytest.mark.django_db
def test_la_base_refuse_une_seconde_notification_de_meme_cle():
    """Written straight to the table, a second notification with a key already recorded is refused, alone or
    in a batch, and only the first row remains."""
    personne = PersonneFactory()
    Notification.objects.create(cle="bienvenue:1", destinataire=personne, adresse=personne.email, sujet="Bienvenue")

    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(cle="bienvenue:1", destinataire=personne, adresse=personne.email, sujet="Encore")
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.bulk_create([_ligne(personne, "bienvenue:2"), _ligne(personne, "bienvenue:2")])

    assert list(Notification.objects.values_list("cle", "sujet")) == [("bienvenue:1", "Bienvenue")]


@pytest.mark.django_db
def test_une_cle_repetee_dans_un_meme_lot_ne_part_qu_une_fois(django_capture_on_commit_callbacks):
    """A batch that names the same key twice (the same reminder computed twice) records and sends one e-mail."""
    personne = PersonneFactory(email="nina@exemple.test")

    with django_capture_on_commit_callbacks(execute=True):
        nouveaux = notifier_plusieurs([_envoi(personne, "rappel:1"), _envoi(personne, "rappel:1")])

    assert nouveaux == 1
    assert [m.to for m in mail.outbox] == [["nina@exemple.test"]]
    assert Notification.objects.filter(cle="rappel:1").count() == 1


def _attend_un_verrou(pid) -> bool:
    with connection.cursor() as curseur:
        curseur.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
        ligne = curseur.fetchone()
    return ligne is not None and ligne[0] == "Lock"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_deux_workers_qui_notifient_une_meme_cle_n_envoient_qu_un_courriel():
    """Two workers record one key at the same moment: the second checks before the first has committed, so
    only the database can stop it. One row, one e-mail; the second worker gets nothing to send."""
    personne = PersonneFactory(email="nina@exemple.test")
    premier_ecrit, second_parti, second_fini = threading.Event(), threading.Event(), threading.Event()
    pid_du_second = []

    def premier():
        try:
            with transaction.atomic():
                resultat = notifier(_envoi(personne, "bienvenue:1"))
                premier_ecrit.set()
                second_parti.wait(10)
                # Commit only once the second worker is blocked on our row, or done without it.
                while not second_fini.is_set() and not _attend_un_verrou(pid_du_second[0]):
                    time.sleep(0.01)
            return resultat
        finally:
            connection.close()

    def second():
        try:
            premier_ecrit.wait(10)
            with connection.cursor() as curseur:
                curseur.execute("SELECT pg_backend_pid()")
                pid_du_second.append(curseur.fetchone()[0])
            second_parti.set()
            with transaction.atomic():
                return notifier(_envoi(personne, "bienvenue:1"))
        finally:
            second_fini.set()
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as executeur:
        resultats = [executeur.submit(premier), executeur.submit(second)]
        resultats = [r.result(timeout=30) for r in resultats]

    assert resultats[0] is not None and resultats[1] is None
    assert Notification.objects.filter(cle="bienvenue:1").count() == 1
    assert [m.to for m in mail.outbox] == [["nina@exemple.test"]]
