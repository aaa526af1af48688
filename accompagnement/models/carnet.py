"""Carnet de bord: one entry per EIG per month, with a self-assessment on the phase's compétences."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from programme.models import Competence, Phase


class CarnetDeBord(models.Model):
    """An EIG's monthly entry. Seen by the EIG and the coaches only."""

    eig = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="carnets")
    mois = models.DateField("mois", help_text="Le premier jour du mois.")
    phase = models.ForeignKey(Phase, on_delete=models.SET_NULL, null=True, blank=True, related_name="carnets")
    objectifs = models.TextField("mes objectifs du mois")
    revue_objectifs = models.TextField("où en sont les objectifs du mois dernier", blank=True)
    apprentissages = models.TextField("ce que j'ai appris", blank=True)
    parcours = models.TextField("ma trajectoire de carrière", blank=True)
    besoins = models.TextField("mes besoins", blank=True)
    mot_coachs = models.TextField("un mot pour les coachs", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "carnet de bord"
        verbose_name_plural = "carnets de bord"
        ordering = ["-mois"]
        constraints = [
            models.UniqueConstraint(
                fields=["eig", "mois"], name="carnet_un_par_mois",
                violation_error_message="Cet EIG a déjà une entrée de carnet de bord pour ce mois.",
            ),
            models.CheckConstraint(
                condition=Q(mois__day=1), name="carnet_mois_premier_jour",
                violation_error_message="Le mois d'une entrée de carnet de bord est son premier jour.",
            ),
        ]

    def __str__(self):
        return f"Carnet de {self.eig} · {self.mois:%m/%Y}"


class AutoEvaluation(models.Model):
    """The EIG's own level on one compétence, that month (1 to 4)."""

    class Niveau(models.IntegerChoices):
        DECOUVERTE = 1, "Je découvre"
        PRATIQUE = 2, "Je pratique avec de l'aide"
        AUTONOME = 3, "Je suis autonome"
        TRANSMETS = 4, "Je peux transmettre"

    carnet = models.ForeignKey(CarnetDeBord, on_delete=models.CASCADE, related_name="evaluations")
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="evaluations")
    niveau = models.PositiveSmallIntegerField("niveau", choices=Niveau.choices)

    class Meta:
        verbose_name = "auto-évaluation"
        constraints = [
            models.UniqueConstraint(
                fields=["carnet", "competence"], name="evaluation_unique",
                violation_error_message="Cette compétence est déjà évaluée dans cette entrée du carnet.",
            ),
            models.CheckConstraint(
                condition=Q(niveau__gte=1, niveau__lte=4), name="evaluation_niveau_de_l_echelle",
                violation_error_message="Choisissez un niveau de l'échelle proposée.",
            ),
        ]

    def __str__(self):
        return f"{self.competence} : {self.niveau}"
