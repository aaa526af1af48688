"""Heures d'accélération: hours a parrain or marraine gives a défi, within a monthly cap."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from defis.models import Defi


class HeureAcceleration(models.Model):
    """Time given to a défi, in quarter hours. When the parrain is erased, the hours stay with the défi, their
    giver replaced by the erasure's record (`parrain_efface`), so the défi's totals and its number of parrains
    stay as they were. The record lives in the project (`magellan.Effacement`), hence a plain number here."""

    parrain = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="heures_donnees", verbose_name="parrain ou marraine")
    parrain_efface = models.PositiveIntegerField("n° de l'effacement du parrain ou de la marraine",
                                                 null=True, blank=True)
    defi = models.ForeignKey(Defi, on_delete=models.CASCADE, related_name="heures_recues", verbose_name="défi")
    date = models.DateField("date")
    duree_minutes = models.PositiveIntegerField("durée (minutes)")
    sujet = models.CharField("sujet", max_length=300)
    created_at = models.DateTimeField("saisie le", auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = "heure d'accélération"
        verbose_name_plural = "heures d'accélération"
        ordering = ["-date", "-created_at"]
        indexes = [models.Index(fields=["parrain", "date"]), models.Index(fields=["defi", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(duree_minutes__gt=0) & Q(duree_minutes__lte=600), name="heure_duree_positive",
                violation_error_message="La durée doit être positive et tenir dans une journée.",
            ),
        ]

    def __str__(self):
        return f"{self.parrain} → {self.defi} · {self.date:%d/%m/%Y}"
