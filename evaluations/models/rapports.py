"""Rapports d'évaluation: written by the comité's coaches after it, published to the team and the sponsor."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .comites import Comite
from .supports import Objectif


class Rapport(models.Model):
    """The coaches' evaluation of a défi at the end of a phase; every change is kept."""

    class Statut(models.TextChoices):
        BROUILLON = "brouillon", "Brouillon"
        PUBLIE = "publie", "Publié"

    class Orientation(models.TextChoices):
        POURSUIVRE = "poursuivre", "Poursuivre"
        AJUSTER = "ajuster", "Ajuster"
        REORIENTER = "reorienter", "Réorienter"
        ALERTE = "alerte", "Alerte"

    comite = models.OneToOneField(Comite, on_delete=models.CASCADE, related_name="rapport", verbose_name="comité")
    statut = models.CharField("statut", max_length=20, choices=Statut.choices, default=Statut.BROUILLON)
    synthese = models.TextField("synthèse", blank=True)
    reussites = models.TextField("réussites", blank=True)
    points_attention = models.TextField("points d'attention", blank=True)
    recommandations = models.TextField("recommandations", blank=True)
    orientation = models.CharField("orientation", max_length=20, choices=Orientation.choices, blank=True)
    publie_le = models.DateTimeField("publié le", null=True, blank=True)
    publie_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="publié par",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = "rapport d'évaluation"
        verbose_name_plural = "rapports d'évaluation"
        constraints = [
            models.CheckConstraint(
                condition=Q(statut="brouillon") | Q(statut="publie", publie_le__isnull=False) & ~Q(orientation=""),
                name="rapport_publie_avec_date_et_orientation",
                violation_error_message="Un rapport publié porte sa date de publication et une orientation.",
            ),
        ]

    def __str__(self):
        return f"Rapport · {self.comite}"

    @property
    def est_publie(self):
        return self.statut == self.Statut.PUBLIE


class AtteinteObjectif(models.Model):
    """The coaches' measure of one objective of the support: a percentage and a comment."""

    rapport = models.ForeignKey(Rapport, on_delete=models.CASCADE, related_name="atteintes")
    objectif = models.ForeignKey(Objectif, on_delete=models.CASCADE, related_name="atteintes")
    pourcentage = models.PositiveSmallIntegerField("atteinte (%)", null=True, blank=True)
    commentaire = models.TextField("commentaire", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "atteinte d'un objectif"
        verbose_name_plural = "atteintes des objectifs"
        ordering = ["rapport", "objectif__rang"]
        constraints = [
            models.UniqueConstraint(
                fields=["rapport", "objectif"], name="atteinte_unique_par_objectif",
                violation_error_message="Ce rapport mesure déjà cet objectif.",
            ),
            models.CheckConstraint(
                condition=Q(pourcentage__isnull=True) | Q(pourcentage__gte=0, pourcentage__lte=100),
                name="atteinte_pourcentage_0_a_100",
                violation_error_message="La mesure d'atteinte va de 0 à 100 %.",
            ),
        ]

    def __str__(self):
        return f"{self.objectif} · {self.pourcentage if self.pourcentage is not None else '—'} %"
