"""What the code last wrote in each row of the Celery schedule, so that a later deployment updates only what no
coach has changed since; the trace of each person erased by a coach; the arrival path of newcomers (its steps per
promotion, the actions it notes) and the community's charter (its versions, who acknowledged which)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class PlanningEcrit(models.Model):
    """The values the code last set on a schedule row (django-celery-beat's `PeriodicTask`), by its name; a field
    of the row that no longer equals its value here was changed by a coach and is left as it is."""

    nom = models.CharField("nom de la tâche planifiée", max_length=200, unique=True)
    tache = models.CharField("tâche", max_length=200)
    crontab = models.CharField("crontab (minute heure jour mois jour de la semaine fuseau)", max_length=300)
    active = models.BooleanField("active")
    description = models.TextField("description")
    updated_at = models.DateTimeField("écrit le", auto_now=True)

    class Meta:
        verbose_name = "planning écrit par le code"
        verbose_name_plural = "planning écrit par le code"

    def __str__(self):
        return self.nom


class Effacement(models.Model):
    """The trace of a person erased by a coach: who erased, when, the erased person's former number and the role
    types they held — never their name nor their address. Their anonymous answers (météo, hours, attendance) stay
    in the figures; the hours carry this record's number so a défi's count of parrains stays the same."""

    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="+", verbose_name="effacée par")
    le = models.DateTimeField("effacée le", default=timezone.now)
    ancien_numero = models.PositiveIntegerField("ancien numéro de la personne")
    types_de_roles = models.CharField("types de rôles tenus", max_length=200, blank=True)

    class Meta:
        verbose_name = "effacement d'une personne"
        verbose_name_plural = "effacements de personnes"
        ordering = ["-le"]

    def __str__(self):
        return f"Personne n° {self.ancien_numero} effacée le {timezone.localtime(self.le):%d/%m/%Y}"


class Etape(models.TextChoices):
    """What a newcomer does in their first weeks; each ticks itself when Magellan sees it done
    (`magellan.selectors_arrivee`)."""

    ACCUEIL = "accueil", "Lire le mot d'accueil"
    ANNUAIRE = "annuaire", "Remplir ma fiche de l'annuaire"
    AGENDA = "agenda", "M'abonner à mon agenda"
    SEMINAIRE_INTEGRATION = "seminaire_integration", "M'inscrire au séminaire d'intégration"
    SEMINAIRE_PORTEURS = "seminaire_porteurs", "M'inscrire au séminaire des porteurs et porteuses de projet"
    COACHS = "coachs", "Rencontrer mes coachs"
    CARNET = "carnet", "Écrire mon premier carnet de bord"
    CHARTE = "charte", "Prendre connaissance de la charte de la communauté"


# The newcomers who have an arrival path: the role types of a défi's team.
PUBLICS = (("eig", "EIG"), ("porteur", "Porteur ou porteuse de projet"), ("sponsor", "Sponsor"))
LIBELLE_MAX = 200


class EtapeParcours(models.Model):
    """One step of a promotion's arrival path for one kind of newcomer; coaches edit them (active, order, label).
    Every promotion gets the default steps when it is created (`magellan.services_arrivee.etapes_initialiser`)."""

    promotion = models.ForeignKey("programme.Promotion", on_delete=models.CASCADE, related_name="etapes_parcours")
    public = models.CharField("pour", max_length=20, choices=PUBLICS)
    etape = models.CharField("étape", max_length=30, choices=Etape.choices,
                             help_text="Ce que Magellan vérifie pour cocher l'étape.")
    libelle = models.CharField("libellé", max_length=LIBELLE_MAX,
                               help_text="Ce que lit la personne ; vide, le libellé par défaut de l'étape.",
                               blank=True)
    ordre = models.PositiveSmallIntegerField("ordre", default=0)
    active = models.BooleanField("active", default=True)

    class Meta:
        verbose_name = "étape du parcours d'arrivée"
        verbose_name_plural = "étapes du parcours d'arrivée"
        ordering = ["promotion", "public", "ordre", "pk"]
        constraints = [models.UniqueConstraint(
            fields=["promotion", "public", "etape"], name="etape_parcours_unique",
            violation_error_message="Cette étape est déjà dans le parcours de cette promotion pour ce public.",
        )]

    def __str__(self):
        return f"{self.promotion} · {self.get_public_display()} · {self.libelle_lu}"

    @property
    def libelle_lu(self) -> str:
        return self.libelle or Etape(self.etape).label


class JalonArrivee(models.Model):
    """An action of a newcomer that leaves no other trace in Magellan: the welcome page opened, the personal
    calendar feed read by a calendar application (at its first time)."""

    class Quoi(models.TextChoices):
        ACCUEIL = "accueil", "Mot d'accueil lu"
        AGENDA = "agenda", "Flux de l'agenda lu"

    personne = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jalons_arrivee")
    quoi = models.CharField("quoi", max_length=20, choices=Quoi.choices)
    le = models.DateTimeField("le", default=timezone.now)

    class Meta:
        verbose_name = "jalon d'arrivée"
        verbose_name_plural = "jalons d'arrivée"
        constraints = [models.UniqueConstraint(fields=["personne", "quoi"], name="jalon_arrivee_unique",
                                               violation_error_message="Ce jalon est déjà noté.")]

    def __str__(self):
        return f"{self.get_quoi_display()} — {self.personne}"


CHARTE_MAX = 50_000


class VersionCharte(models.Model):
    """One version of the community's charter (its values and practices); the latest is the one in force. A
    version is never changed once published: coaches publish a new one, which asks everyone to acknowledge it."""

    numero = models.PositiveIntegerField("version", unique=True)
    texte = models.TextField(
        "texte", max_length=CHARTE_MAX,
        help_text="« ## » commence un titre, « ### » un sous-titre, « - » un élément de liste ; une ligne vide "
                  "sépare les paragraphes.")
    changements = models.CharField("ce qui change", max_length=500, blank=True,
                                   help_text="Dit aux personnes qui relisent la charte ce qui a changé.")
    publiee_le = models.DateTimeField("publiée le", default=timezone.now)
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="+", verbose_name="publiée par")

    class Meta:
        verbose_name = "version de la charte"
        verbose_name_plural = "versions de la charte"
        ordering = ["-numero"]

    def __str__(self):
        return f"Charte, version {self.numero} du {timezone.localtime(self.publiee_le):%d/%m/%Y}"


class PriseDeConnaissance(models.Model):
    """A person acknowledged a version of the charter, for a promotion they belong to (None: outside of any)."""

    personne = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="prises_de_connaissance")
    version = models.ForeignKey(VersionCharte, on_delete=models.PROTECT, related_name="prises_de_connaissance")
    promotion = models.ForeignKey("programme.Promotion", on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="+")
    le = models.DateTimeField("le", default=timezone.now)

    class Meta:
        verbose_name = "prise de connaissance de la charte"
        verbose_name_plural = "prises de connaissance de la charte"
        ordering = ["-le"]
        constraints = [
            models.UniqueConstraint(fields=["personne", "version", "promotion"], name="charte_lue_une_fois",
                                    violation_error_message="Cette version de la charte est déjà lue."),
            models.UniqueConstraint(fields=["personne", "version"], condition=models.Q(promotion__isnull=True),
                                    name="charte_lue_une_fois_hors_promotion",
                                    violation_error_message="Cette version de la charte est déjà lue."),
        ]

    def __str__(self):
        return f"{self.personne} — {self.version}"
