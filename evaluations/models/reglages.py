"""Per-promotion settings of the evaluations."""

from django.db import models
from django.db.models import Q

from programme.models import Promotion

DELAI_SUPPORT_MAX_JOURS = 60


class ReglagesEvaluation(models.Model):
    """How a promotion runs its comités; created on demand with the defaults."""

    promotion = models.OneToOneField(Promotion, on_delete=models.CASCADE, related_name="reglages_evaluation")
    delai_support_jours = models.PositiveSmallIntegerField(
        "délai de remise du support (jours)", default=7,
        help_text="Le support est attendu ce nombre de jours avant le comité.",
    )

    class Meta:
        verbose_name = "réglages des évaluations"
        verbose_name_plural = "réglages des évaluations"
        constraints = [
            models.CheckConstraint(
                condition=Q(delai_support_jours__lte=DELAI_SUPPORT_MAX_JOURS), name="reglages_delai_borne",
                violation_error_message=f"Le support est attendu au plus {DELAI_SUPPORT_MAX_JOURS} jours "
                                        "avant le comité.",
            ),
        ]

    def __str__(self):
        return f"Réglages des évaluations · {self.promotion}"

