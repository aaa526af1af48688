"""The recurring work's schedule: one definition applied at every migrate and deployment; the coaches edit it in
the admin and a later application keeps their changes."""

import datetime

import pytest
from django.core.management import call_command
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from accompagnement.services import meteo as services_meteo
from magellan import planning
from magellan.celery import app as celery_app
from magellan.planning import planning_appliquer, taches
from programme.factories import CoachFactory, EIGFactory
from tests.constantes import constante_changer

pytestmark = pytest.mark.django_db


def test_le_planning_est_cree_a_la_migration_avec_les_heures_de_paris():
    """After migrate, each recurring task is scheduled on a crontab in Europe/Paris, never on an interval."""
    taches = {t.name: t for t in PeriodicTask.objects.select_related("crontab")}
    assert set(taches) == {nom for nom, *_ in planning.taches()}
    meteo = taches["Météo entrepreneuriale : ouverture, relance, clôture"]
    assert (meteo.task, meteo.crontab.hour, meteo.crontab.minute) == ("accompagnement.meteo_vagues", "12", "0")
    assert all(t.crontab and t.interval is None and str(t.crontab.timezone) == "Europe/Paris" for t in taches.values())


def test_chaque_tache_planifiee_existe_dans_celery():
    """Every scheduled name is a task the worker knows: a typo would silently never run."""
    celery_app.loader.import_default_modules()
    assert {tache for _nom, tache, *_ in taches()} <= set(celery_app.tasks)


def test_migrer_de_nouveau_ne_duplique_rien_et_garde_les_modifications_des_coachs():
    """A coach moved the météo to 13:00; a later migrate neither duplicates the schedule nor undoes the change."""
    tache = PeriodicTask.objects.get(task="accompagnement.meteo_vagues")
    tache.crontab = CrontabSchedule.objects.create(minute="0", hour="13", timezone="Europe/Paris")
    tache.save()
    call_command("migrate", verbosity=0)
    call_command("planning_appliquer", verbosity=0)
    assert PeriodicTask.objects.filter(task="accompagnement.meteo_vagues").count() == 1
    assert PeriodicTask.objects.get(task="accompagnement.meteo_vagues").crontab.hour == "13"
    assert PeriodicTask.objects.count() == len(taches())


def _definition_changee(monkeypatch, **changements):
    """The code's definition with the météo row's crontab or description changed, as a new release would."""
    def changee():
        lignes = []
        for nom, tache, crontab, description in taches():
            if tache == "accompagnement.meteo_vagues":
                crontab, description = changements.get("crontab", crontab), changements.get("description", description)
            lignes.append((nom, tache, crontab, description))
        return lignes
    monkeypatch.setattr(planning, "taches", changee)


def _meteo():
    return PeriodicTask.objects.select_related("crontab").get(task="accompagnement.meteo_vagues")


def test_une_definition_changee_met_a_jour_une_ligne_que_personne_n_a_touchee(monkeypatch):
    """A release moves the météo to 11:30 and rewords it: the untouched row follows, without a duplicate."""
    _definition_changee(monkeypatch, crontab=("30", "11", "*", "*", "*"), description="Nouvelle description.")
    assert call_command("planning_appliquer") is None
    meteo = _meteo()
    assert (meteo.crontab.hour, meteo.crontab.minute, meteo.description) == ("11", "30", "Nouvelle description.")
    assert str(meteo.crontab.timezone) == "Europe/Paris" and meteo.enabled
    assert PeriodicTask.objects.count() == len(taches())


def test_ce_qu_un_coach_a_change_est_garde_le_reste_suit_le_code(monkeypatch):
    """A coach moved the météo to 13:00 and paused it; a release changes its time and its description: the time
    and the pause stay the coach's, the description follows the code."""
    meteo = _meteo()
    meteo.crontab = CrontabSchedule.objects.create(minute="0", hour="13", timezone="Europe/Paris")
    meteo.enabled = False
    meteo.save()
    _definition_changee(monkeypatch, crontab=("30", "11", "*", "*", "*"), description="Nouvelle description.")
    planning_appliquer()
    meteo = _meteo()
    assert (meteo.crontab.hour, meteo.enabled, meteo.description) == ("13", False, "Nouvelle description.")


def test_appliquer_deux_fois_ne_change_rien():
    """Applying the schedule again writes nothing: same rows, same values, nothing created or updated."""
    avant = list(PeriodicTask.objects.order_by("name").values("name", "task", "crontab", "enabled", "description"))
    assert planning_appliquer() == {"creees": 0, "modifiees": 0}
    assert list(PeriodicTask.objects.order_by("name").values(
        "name", "task", "crontab", "enabled", "description")) == avant


def test_une_ligne_supprimee_est_recreee():
    """A row deleted in the admin comes back at the next application, as the code defines it."""
    _meteo().delete()
    assert planning_appliquer() == {"creees": 1, "modifiees": 0}
    assert (_meteo().crontab.hour, _meteo().enabled) == ("12", True)


def test_le_delai_de_relance_de_la_meteo_vit_dans_sa_constante(monkeypatch):
    """With `RELANCE_AVANT_CLOTURE` at three days, the schedule's description says so once applied."""
    constante_changer(monkeypatch, services_meteo, "RELANCE_AVANT_CLOTURE", datetime.timedelta(days=3))
    planning_appliquer()
    assert "relance ceux qui n'ont pas répondu 3 jours avant la clôture" in _meteo().description


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
