"""The coaches' documentation inside Magellan: pages written in Markdown, grouped as their site groups them, and
where each page helps (a dispositif's « S'y préparer » and « S'en inspirer », a compétence, a reminder e-mail).

`ressources` stands on `programme` only: a compétence and a reminder (a `Notification` category) are below it, so
they are real keys; a dispositif lives above, in `accompagnement`, so it is reached by a generic relation (see
docs/architecture.md, « Les ressources »).
"""

import hashlib

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from programme.models import Competence, Notification

# A page of the coaches' site is at most about 20,000 characters (open-source.md); room for it to grow fivefold.
CONTENU_MAX = 100_000
TITRE_MAX = 200
# The reminders a page can be attached to: the e-mails a person may decline in « Mes notifications ».
RAPPELS = [(categorie.value, categorie.label) for categorie in Notification.DECLINABLES]


class Ressource(models.Model):
    """One page of the coaches' documentation."""

    class Groupe(models.TextChoices):
        ACCUEIL = "accueil", "Bienvenue"
        PROGRAMME = "programme", "Le programme"
        RESSOURCES = "ressources", "Les ressources"

    slug = models.SlugField("identifiant", max_length=80, unique=True,
                            help_text="L'adresse de la page : /ressources/<identifiant>/. Ne plus le changer une fois "
                                      "la page partagée.")
    groupe = models.CharField("rubrique", max_length=20, choices=Groupe.choices, default=Groupe.RESSOURCES)
    titre = models.CharField("titre", max_length=TITRE_MAX)
    contenu = models.TextField(
        "contenu (Markdown)", max_length=CONTENU_MAX, blank=True,
        help_text="Markdown : [[toc]] pour le sommaire, « ::: tip Titre » … « ::: » pour un encadré (tip, info, "
                  "warning, danger), [texte](/ressources/identifiant/#ancre) pour un lien vers une autre page.")
    publique = models.BooleanField(
        "publique", default=False,
        help_text="Lisible sans se connecter ; sinon, réservée aux personnes connectées.")
    ordre = models.PositiveSmallIntegerField("ordre", default=0)
    source = models.CharField("fichier d'origine", max_length=300, blank=True,
                              help_text="Le fichier du site des coachs d'où la page a été importée.")
    empreinte_import = models.CharField(
        "empreinte du dernier import", max_length=64, blank=True, editable=False,
        help_text="Différente de celle de la page : un coach l'a modifiée depuis, l'import ne l'écrase pas.")
    modifiee_le = models.DateTimeField("modifiée le", auto_now=True)
    history = HistoricalRecords(verbose_name="version de la ressource", verbose_name_plural="versions des ressources")

    class Meta:
        verbose_name = "ressource"
        ordering = ["groupe", "ordre", "titre"]

    def __str__(self):
        return self.titre

    def get_absolute_url(self):
        return reverse("ressource", kwargs={"slug": self.slug})

    @property
    def empreinte(self) -> str:
        """What the page says now, as a digest: equal to `empreinte_import` while nobody edited it since."""
        return empreinte_de(self.titre, self.contenu)


def empreinte_de(titre: str, contenu: str) -> str:
    return hashlib.sha256(f"{titre}\n{contenu}".encode()).hexdigest()


class RattachementDispositif(models.Model):
    """A page a dispositif points to, to prepare for it or to draw on it afterwards."""

    class Usage(models.TextChoices):
        PREPARER = "preparer", "S'y préparer"
        INSPIRER = "inspirer", "S'en inspirer"

    ressource = models.ForeignKey(Ressource, on_delete=models.CASCADE, related_name="dispositifs")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name="type")
    object_id = models.PositiveBigIntegerField("identifiant")
    cible = GenericForeignKey("content_type", "object_id")
    usage = models.CharField("rubrique", max_length=20, choices=Usage.choices)
    ordre = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "ressource d'un dispositif"
        verbose_name_plural = "ressources des dispositifs"
        ordering = ["usage", "ordre", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["ressource", "content_type", "object_id", "usage"], name="rattachement_dispositif_unique",
                violation_error_message="Cette ressource est déjà rattachée à ce dispositif sous cette rubrique.",
            ),
        ]

    def __str__(self):
        return f"{self.ressource} · {self.get_usage_display()}"


class RattachementCompetence(models.Model):
    """A page that helps with a compétence of a phase."""

    ressource = models.ForeignKey(Ressource, on_delete=models.CASCADE, related_name="competences")
    competence = models.ForeignKey(Competence, on_delete=models.CASCADE, related_name="ressources",
                                   verbose_name="compétence")

    class Meta:
        verbose_name = "ressource d'une compétence"
        verbose_name_plural = "ressources des compétences"
        ordering = ["competence", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ressource", "competence"], name="rattachement_competence_unique",
                violation_error_message="Cette ressource est déjà rattachée à cette compétence.",
            ),
        ]

    def __str__(self):
        return f"{self.ressource} · {self.competence}"


class RattachementRappel(models.Model):
    """A page listed in a reminder e-mail (the reminder of the carnet de bord, of a session…)."""

    ressource = models.ForeignKey(Ressource, on_delete=models.CASCADE, related_name="rappels")
    rappel = models.CharField("rappel", max_length=20, choices=RAPPELS)

    class Meta:
        verbose_name = "ressource d'un rappel"
        verbose_name_plural = "ressources des rappels"
        ordering = ["rappel", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ressource", "rappel"], name="rattachement_rappel_unique",
                violation_error_message="Cette ressource est déjà rattachée à ce rappel.",
            ),
            models.CheckConstraint(
                condition=Q(rappel__in=[valeur for valeur, _libelle in RAPPELS]), name="rattachement_rappel_connu",
                violation_error_message="Ce rappel n'existe pas.",
            ),
        ]

    def __str__(self):
        return f"{self.ressource} · {self.get_rappel_display()}"
