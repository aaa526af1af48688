"""Défis d'intérêt général, their réalisations and their teams."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from programme.models import Administration, Expertise, Personne, Promotion, Theme


class Defi(models.Model):
    """A défi carried by an administration, taken up by a team of EIG during a promotion."""

    slug = models.SlugField("identifiant", max_length=200, unique=True, allow_unicode=True)
    titre = models.CharField("titre", max_length=200)
    description = models.TextField("description", blank=True)
    administration = models.ForeignKey(
        Administration, on_delete=models.PROTECT, related_name="defis", verbose_name="administration d'accueil",
        null=True, blank=True,
    )
    promotion = models.ForeignKey(
        Promotion, on_delete=models.PROTECT, related_name="defis", verbose_name="promotion", null=True, blank=True
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="defis", verbose_name="thèmes")
    expertises = models.ManyToManyField(Expertise, blank=True, related_name="defis", verbose_name="métiers")
    ville = models.CharField("ville", max_length=150, blank=True)
    lieu = models.CharField("lieu", max_length=300, blank=True)
    date = models.DateTimeField("date", null=True, blank=True)
    annee = models.PositiveSmallIntegerField("année", null=True, blank=True)
    image = models.CharField("image", max_length=300, blank=True)
    visible = models.BooleanField("visible sur le catalogue public", default=True)
    est_startup_etat = models.BooleanField("Startup d'État", default=False)
    url_startup_etat = models.URLField("adresse de la Startup d'État", max_length=300, blank=True)
    corps = models.TextField("présentation (markdown)", blank=True)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)

    class Meta:
        verbose_name = "défi"
        ordering = ["titre"]
        indexes = [models.Index(fields=["visible", "titre"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(est_startup_etat=True) | Q(url_startup_etat=""), name="defi_url_set_si_startup",
                violation_error_message="L'adresse de la startup d'État n'est renseignée que pour une startup d'État.",
            ),
        ]

    def __str__(self):
        return self.titre

    def get_absolute_url(self):
        return reverse("defi", kwargs={"slug": self.slug})

    @property
    def annee_affichee(self):
        if self.date:
            return self.date.year
        return self.annee


class Realisation(models.Model):
    """What a défi produced and opened: source code, a data set, a site."""

    class Type(models.TextChoices):
        CODE = "code", "Code source"
        DONNEES = "donnees", "Jeu de données"
        SITE = "site", "Site ou service"
        VIDEO = "video", "Vidéo"
        AUTRE = "autre", "Autre"

    defi = models.ForeignKey(Defi, on_delete=models.CASCADE, related_name="realisations", verbose_name="défi")
    type = models.CharField("type", max_length=10, choices=Type.choices, default=Type.AUTRE)
    titre = models.CharField("titre", max_length=300)
    url = models.URLField("adresse", max_length=500)

    class Meta:
        verbose_name = "réalisation"
        ordering = ["defi", "type", "titre"]
        constraints = [models.UniqueConstraint(
                           fields=["defi", "url"], name="realisation_unique_par_defi",
                           violation_error_message="Ce défi a déjà une réalisation à cette adresse.",
                       )]

    def __str__(self):
        return self.titre


class MembreEquipe(models.Model):
    """A person on a défi's team, as EIG, porteur or sponsor."""

    class Role(models.TextChoices):
        EIG = "eig", "EIG"
        PORTEUR = "porteur", "Porteur ou porteuse de projet"
        SPONSOR = "sponsor", "Sponsor"

    defi = models.ForeignKey(Defi, on_delete=models.CASCADE, related_name="membres", verbose_name="défi")
    personne = models.ForeignKey(Personne, on_delete=models.CASCADE, related_name="equipes")
    role = models.CharField("rôle", max_length=10, choices=Role.choices)

    class Meta:
        verbose_name = "membre d'équipe"
        verbose_name_plural = "membres d'équipe"
        ordering = ["defi", "role", "personne"]
        constraints = [
            models.UniqueConstraint(
                fields=["defi", "personne", "role"], name="membre_unique_par_defi",
                violation_error_message="Cette personne a déjà ce rôle dans l'équipe du défi.",
            ),
        ]

    def __str__(self):
        return f"{self.personne} · {self.get_role_display()} · {self.defi}"
