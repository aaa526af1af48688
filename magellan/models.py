"""What the code last wrote in each row of the Celery schedule, so that a later deployment updates only what no
coach has changed since; and the trace of each person erased by a coach."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class PlanningEcrit(models.Model):
    """The values the code last set on a schedule row (django-celery-beat's `PeriodicTask`), by its name; a field
    of the row that no longer equals its value here was changed by a coach and is left as it is."""

    nom = models.CharField("nom de la tâche planifiée", max_length=200, unique=True)
    tache = models.CharField("tâche", max_length=200)
    crontab = models.CharField("crontab (minute heure jour mois jour de la semaine fuseau)", max_length=300)
    active = models.BooleanField("active")
    description = models.TextField("description")
    updated_at = models.DateTimeField("écrit le", auto_now=True)

    class Meta:
        verbose_name = "planning écrit par le code"
        verbose_name_plural = "planning écrit par le code"

    def __str__(self):
        return self.nom


class Effacement(models.Model):
    """The trace of a person erased by a coach: who erased, when, the erased person's former number and the role
    types they held — never their name nor their address. Their anonymous answers (météo, hours, attendance) stay
    in the figures; the hours carry this record's number so a défi's count of parrains stays the same."""

    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="+", verbose_name="effacée par")
    le = models.DateTimeField("effacée le", default=timezone.now)
    ancien_numero = models.PositiveIntegerField("ancien numéro de la personne")
    types_de_roles = models.CharField("types de rôles tenus", max_length=200, blank=True)

    class Meta:
        verbose_name = "effacement d'une personne"
        verbose_name_plural = "effacements de personnes"
        ordering = ["-le"]

    def __str__(self):
        return f"Personne n° {self.ancien_numero} effacée le {timezone.localtime(self.le):%d/%m/%Y}"
