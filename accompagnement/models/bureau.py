"""Bureau d'aide: a team asks for help on a precise need; coaches triage, plan sessions, close."""

from django.conf import settings
from django.db import models

from defis.models import Defi
from programme.stockage import stockage_prive


class DemandeAide(models.Model):
    """A request of (part of) a défi's team to the bureau d'aide."""

    class Nature(models.TextChoices):
        EXPERIMENTATION = "experimentation", "Plan d'expérimentation"
        PASSAGE_ECHELLE = "passage_echelle", "Stratégie de passage à l'échelle"
        AUDIT_CODE = "audit_code", "Audit de code"
        REVUE_LITTERATURE = "revue_litterature", "Revue de littérature scientifique"
        AUTRE = "autre", "Autre besoin"

    class Statut(models.TextChoices):
        NOUVELLE = "nouvelle", "Reçue, en attente de prise en charge"
        PRISE_EN_CHARGE = "prise_en_charge", "Prise en charge"
        PLANIFIEE = "planifiee", "Séances planifiées"
        CLOSE = "close", "Close"

    defi = models.ForeignKey(Defi, on_delete=models.CASCADE, related_name="demandes_aide", verbose_name="défi")
    demandeur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                  related_name="demandes_aide")
    nature = models.CharField("nature du besoin", max_length=30, choices=Nature.choices)
    description = models.TextField("description du besoin")
    document = models.FileField("document", upload_to="bureau-aide/%Y/%m/", storage=stockage_prive, blank=True)
    statut = models.CharField("statut", max_length=20, choices=Statut.choices, default=Statut.NOUVELLE)
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="demandes_aide_suivies", verbose_name="coach référent")
    sessions = models.ManyToManyField("accompagnement.Session", blank=True, related_name="demandes_aide")
    resultat = models.TextField("résultat", blank=True)
    created_at = models.DateTimeField("demandée le", auto_now_add=True)
    prise_en_charge_le = models.DateTimeField("prise en charge le", null=True, blank=True)
    close_le = models.DateTimeField("close le", null=True, blank=True)

    class Meta:
        verbose_name = "demande au bureau d'aide"
        verbose_name_plural = "demandes au bureau d'aide"
        ordering = ["created_at"]
        indexes = [models.Index(fields=["statut", "created_at"])]

    def __str__(self):
        return f"{self.get_nature_display()} · {self.defi}"
