"""Supports: what a défi's team prepares before its comité — objectives, successes, difficulties, files."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from programme.fichiers import TYPES
from programme.stockage import stockage_prive

from .comites import Comite

OBJECTIFS_MAX = 4
# The formats the programme asks for a support (programme.fichiers knows more: spreadsheets are not among them).
FORMATS_ADMIS = ("pdf", "odt", "odp", "docx", "pptx", "png", "jpeg")


class Support(models.Model):
    """The team's written preparation of a comité: a draft written together, then submitted by a porteur."""

    class Statut(models.TextChoices):
        BROUILLON = "brouillon", "Brouillon"
        SOUMIS = "soumis", "Soumis"

    comite = models.OneToOneField(Comite, on_delete=models.CASCADE, related_name="support", verbose_name="comité")
    statut = models.CharField("statut", max_length=20, choices=Statut.choices, default=Statut.BROUILLON)
    reussites = models.TextField("réussites", blank=True)
    difficultes = models.TextField("difficultés", blank=True)
    aide_souhaitee = models.TextField("aide souhaitée", blank=True)
    objectifs_phase_suivante = models.TextField("objectifs de la phase suivante", blank=True)
    soumis_le = models.DateTimeField("soumis le", null=True, blank=True)
    soumis_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="soumis par",
    )
    en_retard = models.BooleanField("soumis après l'échéance", default=False)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = "support de comité"
        verbose_name_plural = "supports de comité"
        constraints = [
            models.CheckConstraint(
                condition=Q(statut="brouillon", soumis_le__isnull=True) | Q(statut="soumis", soumis_le__isnull=False),
                name="support_soumis_avec_date",
                violation_error_message="Un support soumis porte sa date de soumission, un brouillon n'en a pas.",
            ),
            models.CheckConstraint(
                condition=Q(en_retard=False) | Q(statut="soumis"),
                name="support_retard_si_soumis",
                violation_error_message="Seul un support soumis peut l'avoir été en retard.",
            ),
        ]

    def __str__(self):
        return f"Support · {self.comite}"

    @property
    def est_soumis(self):
        return self.statut == self.Statut.SOUMIS


class Objectif(models.Model):
    """One of the (at most `OBJECTIFS_MAX`) objectives of a support: livrables, indicateurs and a measure in %."""

    support = models.ForeignKey(Support, on_delete=models.CASCADE, related_name="objectifs")
    rang = models.PositiveSmallIntegerField("rang")
    intitule = models.CharField("objectif", max_length=300)
    livrables = models.TextField("livrables", blank=True)
    indicateurs = models.TextField("indicateurs", blank=True)
    atteinte = models.PositiveSmallIntegerField(
        "mesure d'atteinte (%)", null=True, blank=True, help_text="De 0 à 100 %.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "objectif"
        ordering = ["support", "rang"]
        constraints = [
            models.UniqueConstraint(
                fields=["support", "rang"], name="objectif_rang_unique_par_support",
                violation_error_message="Ce support a déjà un objectif à ce rang.",
            ),
            models.CheckConstraint(
                condition=Q(rang__gte=1, rang__lte=OBJECTIFS_MAX), name="objectif_rang_dans_les_bornes",
                violation_error_message=f"Un support compte {OBJECTIFS_MAX} objectifs au plus.",
            ),
            models.CheckConstraint(
                condition=Q(atteinte__isnull=True) | Q(atteinte__gte=0, atteinte__lte=100),
                name="objectif_atteinte_0_a_100",
                violation_error_message="La mesure d'atteinte va de 0 à 100 %.",
            ),
        ]

    def __str__(self):
        return f"Objectif {self.rang} : {self.intitule}"


def chemin_piece_jointe(piece, _nom_televerse):
    """A path made of ids only: the uploader's file name never reaches the disk."""
    return f"evaluations/supports/{piece.support_id}/{uuid.uuid4().hex}{TYPES[piece.type].extension}"


class PieceJointe(models.Model):
    """A file attached to a support, checked by its content, kept outside the public media."""

    FORMATS = [(cle, TYPES[cle].libelle) for cle in FORMATS_ADMIS]

    support = models.ForeignKey(Support, on_delete=models.CASCADE, related_name="pieces_jointes")
    fichier = models.FileField("fichier", storage=stockage_prive, upload_to=chemin_piece_jointe, max_length=300)
    nom = models.CharField("nom du fichier", max_length=200)
    type = models.CharField("format", max_length=10, choices=FORMATS)
    taille = models.PositiveBigIntegerField("taille (octets)")
    ajoutee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="ajoutée par",
    )
    created_at = models.DateTimeField("ajoutée le", auto_now_add=True)

    class Meta:
        verbose_name = "pièce jointe"
        verbose_name_plural = "pièces jointes"
        ordering = ["support", "created_at"]

    def __str__(self):
        return self.nom

    @property
    def mime(self):
        return TYPES[self.type].mime
