"""What the code last wrote in each row of the Celery schedule, so that a later deployment updates only what no
coach has changed since."""

from django.db import models


class PlanningEcrit(models.Model):
    """The values the code last set on a schedule row (django-celery-beat's `PeriodicTask`), by its name; a field
    of the row that no longer equals its value here was changed by a coach and is left as it is."""

    nom = models.CharField("nom de la tâche planifiée", max_length=200, unique=True)
    tache = models.CharField("tâche", max_length=200)
    crontab = models.CharField("crontab (minute heure jour mois jour de la semaine fuseau)", max_length=300)
    active = models.BooleanField("active")
    description = models.TextField("description")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "planning écrit par le code"
        verbose_name_plural = "planning écrit par le code"

    def __str__(self):
        return self.nom
