"""Carnet de bord: one entry per EIG per month, with a self-assessment on the phase's compétences."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.text import capfirst

from programme.models import Competence, Phase

# Characters of one answer of the carnet: several pages of text, bounded so that no one fills the database.
TEXTE_MAX = 5000


class CarnetDeBord(models.Model):
    """An EIG's monthly entry. Seen by the EIG and the coaches only."""

    eig = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="carnets",
                            verbose_name="EIG")
    mois = models.DateField("mois", help_text="Le premier jour du mois.")
    phase = models.ForeignKey(Phase, on_delete=models.SET_NULL, null=True, blank=True, related_name="carnets")
    # The texts the EIG writes: each field says its question, its help and its bound once; the form, the
    # service, the pages and the admin read them from here (and from the sections below).
    objectifs = models.TextField(
        "mes objectifs du mois", max_length=TEXTE_MAX,
        help_text="Deux ou trois objectifs concrets : vous les reverrez le mois prochain.",
    )
    revue_objectifs = models.TextField(
        "où en sont les objectifs du mois dernier", blank=True, max_length=TEXTE_MAX,
        help_text="Ce qui est atteint, ce qui ne l'est pas encore, et pourquoi.",
    )
    apprentissages = models.TextField(
        "ce que j'ai appris", blank=True, max_length=TEXTE_MAX,
        help_text="Une méthode, un outil, une façon de travailler dans l'administration…",
    )
    parcours = models.TextField(
        "ma trajectoire de carrière", blank=True, max_length=TEXTE_MAX,
        help_text="Où vous souhaitez aller après le programme, ce qui vous en rapproche.",
    )
    besoins = models.TextField(
        "mes besoins", blank=True, max_length=TEXTE_MAX,
        help_text="Une formation, un mentorat, une mise en relation, une aide du bureau d'aide…",
    )
    mot_coachs = models.TextField(
        "un mot pour les coachs", blank=True, max_length=TEXTE_MAX,
        help_text="Ce que vous voulez leur dire ; seuls les coachs lisent votre carnet.",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    # The form's sections and the page's order. A new text is a field above named in one section: nothing else.
    # `revue_objectifs` comes before them all, asked only when there was an entry the month before.
    TEXTES_DU_MOIS = ("objectifs", "apprentissages")
    TEXTES_DE_TRAJECTOIRE = ("parcours", "besoins", "mot_coachs")
    TEXTES = ("revue_objectifs", *TEXTES_DU_MOIS, *TEXTES_DE_TRAJECTOIRE)

    class Meta:
        verbose_name = "carnet de bord"
        verbose_name_plural = "carnets de bord"
        ordering = ["-mois"]
        # The admin's list and its date hierarchy: latest months first (the tie broken by id).
        indexes = [models.Index(fields=["-mois", "-id"], name="carnet_mois_recents")]
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

    def _reponses(self, noms):
        return [(capfirst(self._meta.get_field(nom).verbose_name), getattr(self, nom)) for nom in noms
                if getattr(self, nom)]

    @property
    def reponses_du_mois(self):
        """(question, answer) of the month's texts the EIG filled in, last month's review first."""
        return self._reponses(("revue_objectifs", *self.TEXTES_DU_MOIS))

    @property
    def reponses_de_trajectoire(self):
        return self._reponses(self.TEXTES_DE_TRAJECTOIRE)


class AutoEvaluation(models.Model):
    """The EIG's own level on one compétence, that month (1 to 4)."""

    class Niveau(models.IntegerChoices):
        DECOUVERTE = 1, "Je découvre"
        PRATIQUE = 2, "Je pratique avec de l'aide"
        AUTONOME = 3, "Je suis autonome"
        TRANSMETS = 4, "Je peux transmettre"

    carnet = models.ForeignKey(CarnetDeBord, on_delete=models.CASCADE, related_name="evaluations")
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="evaluations",
                                   verbose_name="compétence")
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
