"""The recurring work's schedule: created on migrate, once, in the database; the coaches edit it in the admin."""

import pytest
from django.core.management import call_command
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from magellan.celery import app as celery_app
from magellan.planning import TACHES, planning_installer
from programme.factories import CoachFactory, EIGFactory

pytestmark = pytest.mark.django_db


def test_le_planning_est_cree_a_la_migration_avec_les_heures_de_paris():
    """After migrate, each recurring task is scheduled on a crontab in Europe/Paris, never on an interval."""
    taches = {t.name: t for t in PeriodicTask.objects.select_related("crontab")}
    assert set(taches) == {nom for nom, *_ in TACHES}
    meteo = taches["Météo entrepreneuriale : ouverture, relance, clôture"]
    assert (meteo.task, meteo.crontab.hour, meteo.crontab.minute) == ("accompagnement.meteo_vagues", "12", "0")
    assert all(t.crontab and t.interval is None and str(t.crontab.timezone) == "Europe/Paris" for t in taches.values())


def test_chaque_tache_planifiee_existe_dans_celery():
    """Every scheduled name is a task the worker knows: a typo would silently never run."""
    celery_app.loader.import_default_modules()
    assert {tache for _nom, tache, *_ in TACHES} <= set(celery_app.tasks)


def test_migrer_de_nouveau_ne_duplique_rien_et_garde_les_modifications_des_coachs():
    """A coach moved the météo to 13:00; a later migrate neither duplicates the schedule nor undoes the change."""
    tache = PeriodicTask.objects.get(task="accompagnement.meteo_vagues")
    tache.crontab = CrontabSchedule.objects.create(minute="0", hour="13", timezone="Europe/Paris")
    tache.save()
    call_command("migrate", verbosity=0)
    planning_installer()
    assert PeriodicTask.objects.filter(task="accompagnement.meteo_vagues").count() == 1
    assert PeriodicTask.objects.get(task="accompagnement.meteo_vagues").crontab.hour == "13"
    assert PeriodicTask.objects.count() == len(TACHES)


def test_un_coach_modifie_l_horaire_dans_l_administration(client):
    """The coach opens the schedule, changes the carnet reminder's day to the 25th, and it is saved."""
    client.force_login(CoachFactory())
    tache = PeriodicTask.objects.get(task="accompagnement.rappel_carnet")
    assert client.get("/admin/django_celery_beat/periodictask/").status_code == 200
    page = client.get(f"/admin/django_celery_beat/periodictask/{tache.pk}/change/")
    assert page.status_code == 200 and "Rappel mensuel du carnet de bord" in page.content.decode()
    crontab = CrontabSchedule.objects.create(minute="0", hour="9", day_of_month="25", timezone="Europe/Paris")
    reponse = client.post(f"/admin/django_celery_beat/periodictask/{tache.pk}/change/", {
        "name": tache.name, "regtask": tache.task, "task": "", "enabled": "on", "description": tache.description,
        "crontab": crontab.pk, "args": "[]", "kwargs": "{}", "headers": "{}", "expire_seconds": "", "queue": "",
        "exchange": "", "routing_key": "", "priority": "", "start_time_0": "", "start_time_1": "",
        "last_run_at_0": "", "last_run_at_1": "",
    })
    assert reponse.status_code == 302, reponse.content.decode()[:3000]
    tache.refresh_from_db()
    assert tache.crontab.day_of_month == "25"


def test_le_planning_est_reserve_aux_coachs(client):
    """An EIG asking for the schedule is sent to the admin login and sees nothing of it."""
    client.force_login(EIGFactory())
    reponse = client.get("/admin/django_celery_beat/periodictask/")
    assert reponse.status_code == 302 and "Rappel" not in reponse.content.decode()
