"""Groupes de partage: each month, the promotion's EIG meet entre pairs (same métier) and in mixed groups."""

from django.conf import settings
from django.db import models

from programme.models import Expertise, Promotion

from .sessions import Session


class GroupePartage(models.Model):
    """One group of one month: its members, its session, its topic or its presenter."""

    class Type(models.TextChoices):
        PAIRS = "pairs", "Entre pairs"
        PLURI = "pluri", "Pluridisciplinaire"

    promotion = models.ForeignKey(Promotion, on_delete=models.CASCADE, related_name="groupes_partage")
    mois = models.DateField("mois", help_text="Le premier jour du mois.")
    type = models.CharField("type", max_length=10, choices=Type.choices)
    numero = models.PositiveSmallIntegerField("numéro")
    session = models.OneToOneField(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="groupe_partage"
    )
    expertise = models.ForeignKey(
        Expertise, on_delete=models.SET_NULL, null=True, blank=True, related_name="groupes_partage",
        verbose_name="métier",
    )
    membres = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="MembreGroupe", related_name="groupes_partage", verbose_name="membres"
    )
    presentateur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="présente ce mois-ci",
    )
    sujet = models.TextField("sujet de la rencontre", blank=True)
    sujet_suivant = models.TextField(
        "sujet choisi pour la prochaine rencontre", blank=True,
        help_text="Choisi à la fin de la rencontre, il devient le sujet du mois suivant.",
    )
    publie_le = models.DateTimeField("publié le", null=True, blank=True)

    class Meta:
        verbose_name = "groupe de partage"
        verbose_name_plural = "groupes de partage"
        ordering = ["mois", "type", "numero"]
        constraints = [
            models.UniqueConstraint(
                fields=["promotion", "mois", "type", "numero"], name="groupe_partage_unique",
                violation_error_message="Ce groupe existe déjà pour ce mois.",
            ),
        ]

    def __str__(self):
        return f"{self.get_type_display()} {self.numero} · {self.mois:%m/%Y}"


class MembreGroupe(models.Model):
    """A person in a group; one group per person, month and type (a move is a move, not a copy)."""

    groupe = models.ForeignKey(GroupePartage, on_delete=models.CASCADE, related_name="participations")
    personne = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    promotion = models.ForeignKey(Promotion, on_delete=models.CASCADE, related_name="+")
    mois = models.DateField("mois")
    type = models.CharField("type", max_length=10, choices=GroupePartage.Type.choices)

    class Meta:
        verbose_name = "membre d'un groupe"
        verbose_name_plural = "membres des groupes"
        constraints = [
            models.UniqueConstraint(
                fields=["personne", "promotion", "mois", "type"], name="membre_un_groupe_par_mois",
                violation_error_message="Cette personne est déjà dans un groupe de ce type ce mois-ci.",
            ),
        ]

    def __str__(self):
        return f"{self.personne} · {self.groupe}"
