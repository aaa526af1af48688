"""Météo entrepreneuriale: a confidential survey of each EIG every two weeks, and the alerts it raises."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from programme.models import Promotion

# The salt of the signed personal links to answer a round: the services sign them, the selectors read them.
SEL_LIEN = "accompagnement.meteo.reponse"


class VagueMeteo(models.Model):
    """One fortnightly round of a promotion: opened on the promotion's day, closed a few days later.

    At closing, its figures are frozen here (`figee_le` and the `*_figees` fields): every page showing a closed
    round reads them, so no later change (an erased person, an edited answer) moves a published figure."""

    promotion = models.ForeignKey(Promotion, on_delete=models.CASCADE, related_name="vagues_meteo")
    date = models.DateField("jour d'ouverture")
    ouverte_le = models.DateTimeField("ouverte le")
    fermee_le = models.DateTimeField("clôture prévue le")
    relancee_le = models.DateTimeField("relance envoyée le", null=True, blank=True)
    cloturee_le = models.DateTimeField("clôturée le", null=True, blank=True)
    figee_le = models.DateTimeField("chiffres figés le", null=True, blank=True)
    invites_figes = models.PositiveIntegerField("invitations (figées)", null=True, blank=True)
    repondants_figes = models.PositiveIntegerField("réponses (figées)", null=True, blank=True)
    moy_meteo_figee = models.FloatField("météo moyenne (figée)", null=True, blank=True)
    moy_equipe_figee = models.FloatField("vie de l'équipe moyenne (figée)", null=True, blank=True)
    moy_epanouissement_figee = models.FloatField("épanouissement moyen (figé)", null=True, blank=True)

    class Meta:
        verbose_name = "vague de météo"
        verbose_name_plural = "vagues de météo"
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["promotion", "date"], name="vague_meteo_unique_par_jour",
                violation_error_message="Cette promotion a déjà une vague de météo ce jour-là.",
            ),
            models.CheckConstraint(
                condition=Q(fermee_le__gt=models.F("ouverte_le")), name="vague_fermee_apres",
                violation_error_message="Une vague se clôt après son ouverture.",
            ),
        ]

    def __str__(self):
        return f"Météo du {self.date:%d/%m/%Y} · {self.promotion}"


class ReponseMeteo(models.Model):
    """One EIG's place in a round: created with the invitation, filled in when they answer.

    Seen by the respondent and the coaches only (DESIGN §5). When the person is erased, their answered levels stay
    in the round without anyone behind them (`eig` empty, texts blanked): anonymous, not pseudonymous."""

    class Niveau(models.IntegerChoices):
        ORAGE = 1, "Orage"
        PLUIE = 2, "Pluie"
        NUAGES = 3, "Nuageux"
        ECLAIRCIES = 4, "Éclaircies"
        SOLEIL = 5, "Grand soleil"

    vague = models.ForeignKey(VagueMeteo, on_delete=models.CASCADE, related_name="reponses")
    eig = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="reponses_meteo", verbose_name="EIG")
    invitee_le = models.DateTimeField("invitée le", auto_now_add=True)
    repondue_le = models.DateTimeField("répondue le", null=True, blank=True)
    meteo = models.PositiveSmallIntegerField("météo", choices=Niveau.choices, null=True, blank=True)
    vie_equipe = models.PositiveSmallIntegerField("vie de l'équipe", choices=Niveau.choices, null=True, blank=True)
    epanouissement = models.PositiveSmallIntegerField(
        "épanouissement personnel", choices=Niveau.choices, null=True, blank=True
    )
    reussites = models.TextField("réussites", blank=True)
    difficultes = models.TextField("difficultés", blank=True)
    souhaite_echanger = models.BooleanField("je souhaite échanger avec un coach", default=False)

    class Meta:
        verbose_name = "réponse à la météo"
        verbose_name_plural = "réponses à la météo"
        ordering = ["vague", "eig"]
        constraints = [
            models.UniqueConstraint(
                fields=["vague", "eig"], name="reponse_meteo_unique",
                violation_error_message="Cet EIG est déjà invité à cette vague.",
            ),
            models.CheckConstraint(
                condition=Q(repondue_le__isnull=True)
                | Q(meteo__isnull=False, vie_equipe__isnull=False, epanouissement__isnull=False),
                name="reponse_meteo_complete",
                violation_error_message="Une réponse envoyée donne les trois niveaux.",
            ),
            models.CheckConstraint(
                condition=(Q(meteo__isnull=True) | Q(meteo__gte=1, meteo__lte=5))
                & (Q(vie_equipe__isnull=True) | Q(vie_equipe__gte=1, vie_equipe__lte=5))
                & (Q(epanouissement__isnull=True) | Q(epanouissement__gte=1, epanouissement__lte=5)),
                name="reponse_meteo_niveaux_de_l_echelle",
                violation_error_message="Choisissez un niveau de l'échelle proposée.",
            ),
        ]
        indexes = [
            models.Index(fields=["eig", "repondue_le"]),
            # The coaches' page of a promotion's EIG: each person's answered rounds, read from the index alone.
            models.Index(fields=["eig", "vague"], include=["meteo"], condition=Q(repondue_le__isnull=False),
                         name="reponse_meteo_repondues"),
        ]

    def __str__(self):
        return f"{self.eig} · {self.vague}"


class AlerteMeteo(models.Model):
    """What a coach must look at: a sharp drop, the lowest level, or a request to talk."""

    class Motif(models.TextChoices):
        BAISSE = "baisse", "Baisse de deux niveaux ou plus"
        PLUS_BAS = "plus_bas", "Météo au plus bas"
        ECHANGE = "echange", "Souhaite échanger avec un coach"

    reponse = models.ForeignKey(ReponseMeteo, on_delete=models.CASCADE, related_name="alertes",
                                verbose_name="réponse")
    motif = models.CharField("motif", max_length=20, choices=Motif.choices)
    created_at = models.DateTimeField("levée le", auto_now_add=True)
    traitee_le = models.DateTimeField("traitée le", null=True, blank=True)
    traitee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="traitée par",
    )

    class Meta:
        verbose_name = "alerte météo"
        verbose_name_plural = "alertes météo"
        ordering = ["-created_at"]
        # The admin's list: newest first (the tie broken by id), whole or by motif.
        indexes = [models.Index(fields=["-created_at", "-id"], name="alerte_meteo_recentes"),
                   models.Index(fields=["motif", "-created_at"], name="alerte_meteo_motif_recentes")]
        constraints = [
            models.UniqueConstraint(
                fields=["reponse", "motif"], name="alerte_meteo_unique",
                violation_error_message="Cette alerte est déjà levée pour cette réponse.",
            ),
        ]

    def __str__(self):
        return f"{self.get_motif_display()} · {self.reponse}"
