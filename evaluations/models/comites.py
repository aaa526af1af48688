"""Comités d'évaluation: one per défi and per phase, with its coaches, its participants and its session."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from accompagnement.models import Session
from defis.models import Defi
from programme.dates import fenetre_comites, verifier_date
from programme.models import Phase


class Comite(models.Model):
    """The online meeting closing a phase for a défi's team; the database refuses a second one per phase."""

    defi = models.ForeignKey(Defi, on_delete=models.CASCADE, related_name="comites", verbose_name="défi")
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="comites", verbose_name="phase")
    debut = models.DateTimeField("date et heure")
    duree_minutes = models.PositiveSmallIntegerField("durée (minutes)", default=90)
    echeance_support = models.DateTimeField(
        "échéance du support", help_text="Calculée à partir du délai de la promotion (7 jours par défaut).",
    )
    lien_visio = models.URLField("lien de visioconférence", max_length=500, blank=True)
    coachs = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="comites_animes", verbose_name="coachs du comité"
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="comites_participes", verbose_name="participants"
    )
    session = models.OneToOneField(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="comite",
        help_text="La session de l'agenda, tenue à jour par Magellan.",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"], m2m_fields=["coachs", "participants"])

    class Meta:
        verbose_name = "comité d'évaluation"
        verbose_name_plural = "comités d'évaluation"
        ordering = ["debut"]
        constraints = [
            models.UniqueConstraint(
                fields=["defi", "phase"], name="comite_unique_par_defi_et_phase",
                violation_error_message="Ce défi a déjà un comité pour cette phase.",
            ),
            models.CheckConstraint(
                condition=Q(duree_minutes__gt=0), name="comite_duree_positive",
                violation_error_message="La durée du comité doit être positive.",
            ),
            models.CheckConstraint(
                condition=Q(echeance_support__lte=models.F("debut")),
                name="comite_echeance_avant_debut",
                violation_error_message="Le support est attendu avant le comité.",
            ),
        ]

    def __str__(self):
        return f"Comité · {self.defi} · phase {self.phase.numero}"

    def clean(self):
        if self.defi_id and self.phase_id and self.phase.promotion_id != self.defi.promotion_id:
            raise ValidationError({"phase": "Cette phase n'est pas une phase de la promotion du défi."})
        if self.debut is not None:
            verifier_date(self.debut, fenetre_comites(self.defi.promotion if self.defi_id else None), "debut")

    @property
    def fin(self):
        return self.debut + datetime.timedelta(minutes=self.duree_minutes)

    def _kwargs(self):
        return {"slug": self.defi.slug, "numero": self.phase.numero}

    def get_absolute_url(self):
        return reverse("comite", kwargs=self._kwargs())
