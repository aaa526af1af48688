"""A real Celery worker, in its own process, on the real broker: Redis (production) and the filesystem transport
(`make run` without Redis). The tasks reach it by name through the broker, as beat sends them; the e-mails it
sends are written to files by Django's file backend and read back here."""

import email
import os
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from email import policy
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from accompagnement.factories import InscriptionFactory, SessionFactory
from accompagnement.models import Session
from programme.factories import EIGFactory, PromotionFactory
from programme.models import Notification
from tests.processus import environnement_du_projet

RACINE = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _url_base_de_test():
    reglages = connection.settings_dict
    hote, port = reglages["HOST"] or "127.0.0.1", reglages["PORT"] or 5432
    return f"postgres://{reglages['USER']}@{hote}:{port}/{reglages['NAME']}"


@pytest.fixture(params=["redis", "fichiers"])
def worker(request, tmp_path):
    """Start a worker on the chosen broker, with its own queue; yield a function that sends a task by name."""
    file = f"magellan-test-{uuid.uuid4().hex[:8]}"
    env = environnement_du_projet(
        DATABASE_URL=_url_base_de_test(),
        EMAIL_URL=f"filemail:///{tmp_path / 'courriels'}",
        SITE_URL="http://magellan.test",
        CELERY_TASK_DEFAULT_QUEUE=file,
    )
    if request.param == "redis":
        env["REDIS_URL"] = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    else:
        env["REDIS_URL"] = ""
        env["CELERY_FILE_BROKER_DIR"] = str(tmp_path / "courtier")
    processus = subprocess.Popen(
        [CELERY, "-A", "magellan", "worker", "--pool", "solo", "--queues", file, "--loglevel", "INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=RACINE, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )

    def envoyer(tache, *args):
        commande = [CELERY, "-A", "magellan", "call", tache, "--queue", file]
        if args:
            commande += ["--args", str(list(args))]
        subprocess.run(commande, cwd=RACINE, env=env, check=True, capture_output=True, timeout=60)

    envoyer.dossier = tmp_path / "courriels"
    yield envoyer
    processus.terminate()
    try:
        processus.wait(timeout=20)
    except subprocess.TimeoutExpired:
        processus.kill()


def _attendre(condition, delai=60):
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        if condition():
            return True
        time.sleep(0.3)
    return False


def _courriels(dossier: Path):
    """Every e-mail the worker wrote, parsed (the file backend writes one file per connection)."""
    if not dossier.exists():
        return []
    messages = []
    for fichier in sorted(dossier.iterdir()):
        for bloc in fichier.read_bytes().split(b"-" * 79 + b"\n"):
            if bloc.strip():
                messages.append(email.message_from_bytes(bloc, policy=policy.default))
    return messages


def test_le_worker_envoie_une_notification_une_seule_fois_meme_livree_deux_fois(worker):
    """A notification task delivered twice by the broker sends one e-mail; the row says it left."""
    eig = EIGFactory(email="ada@exemple.gouv.fr", prenom="Ada")
    # Recorded as `notifier` records it, without handing it to this process's eager Celery.
    notification = Notification.objects.create(
        cle="essai:worker", destinataire=eig, adresse=eig.email, sujet="[Magellan] Bienvenue",
        texte="Bonjour Ada,\nVotre espace : http://magellan.test/espace/\n", html="<p>Bonjour Ada,</p>",
    )
    worker("programme.notification_envoyer", notification.pk)
    worker("programme.notification_envoyer", notification.pk)
    assert _attendre(lambda: Notification.objects.get(pk=notification.pk).statut == Notification.Statut.ENVOYEE)
    time.sleep(2)
    courriels = _courriels(worker.dossier)
    assert [(m["To"], m["Subject"]) for m in courriels] == [("ada@exemple.gouv.fr", "[Magellan] Bienvenue")]
    assert "http://magellan.test/espace/" in courriels[0].get_body(("plain",)).get_content()


def test_la_tache_planifiee_des_rappels_passe_par_le_worker(worker):
    """`rappels_sessions`, sent by name as beat does, reminds the registered people of tomorrow's session
    through the worker; sent again, it reminds nobody twice."""
    promotion = PromotionFactory()
    session = SessionFactory(promotion=promotion, statut=Session.Statut.PUBLIEE, titre="Atelier design",
                             debut=timezone.now() + timedelta(hours=3), fin=timezone.now() + timedelta(hours=5))
    inscrits = [EIGFactory(promotion=promotion) for _ in range(2)]
    for eig in inscrits:
        InscriptionFactory(session=session, personne=eig)
    worker("accompagnement.rappels_sessions")
    assert _attendre(lambda: Notification.objects.filter(statut=Notification.Statut.ENVOYEE).count() == 2)
    worker("accompagnement.rappels_sessions")
    time.sleep(3)
    courriels = _courriels(worker.dossier)
    assert sorted(m["To"] for m in courriels) == sorted(eig.email for eig in inscrits)
    assert all("Atelier design" in m["Subject"] for m in courriels)


def test_le_beat_sans_redis_lance_les_taches_planifiees(tmp_path):
    """Without Redis (`make run` on a newcomer's machine): the worker's beat reads the schedule in the database
    and sends the due task through the filesystem broker; the worker runs it and the reminders leave."""
    from django_celery_beat.models import ClockedSchedule, PeriodicTask

    promotion = PromotionFactory()
    session = SessionFactory(promotion=promotion, statut=Session.Statut.PUBLIEE, titre="Conférence données",
                             debut=timezone.now() + timedelta(hours=5), fin=timezone.now() + timedelta(hours=6))
    eig = EIGFactory(promotion=promotion)
    InscriptionFactory(session=session, personne=eig)
    # A one-off entry due now, as the hourly crontab would be at the top of the hour.
    PeriodicTask.objects.create(
        name="Essai du beat", task="accompagnement.rappels_sessions", one_off=True,
        clocked=ClockedSchedule.objects.create(clocked_time=timezone.now() - timedelta(seconds=5)),
    )
    env = environnement_du_projet(
        DATABASE_URL=_url_base_de_test(), REDIS_URL="", CELERY_FILE_BROKER_DIR=str(tmp_path / "courtier"),
        EMAIL_URL=f"filemail:///{tmp_path / 'courriels'}",
    )
    processus = subprocess.Popen(
        [CELERY, "-A", "magellan", "worker", "--beat", "--pool", "solo", "--loglevel", "INFO",
         "--schedule", str(tmp_path / "beat-schedule"), "--without-gossip", "--without-mingle",
         "--without-heartbeat"],
        cwd=RACINE, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        assert _attendre(lambda: Notification.objects.filter(statut=Notification.Statut.ENVOYEE).exists(), delai=90)
    finally:
        processus.terminate()
        processus.wait(timeout=20)
    courriels = _courriels(tmp_path / "courriels")
    assert [m["To"] for m in courriels] == [eig.email]
    assert "Conférence données" in courriels[0].get_body(("plain",)).get_content()
