"""Sessions: each occurrence of a dispositif, who is invited, who registered, who came."""

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from defis.models import Defi
from programme.dates import fenetre_promotion, verifier_date
from programme.models import Expertise, Phase, Promotion

from .catalogue import Dispositif


class Session(models.Model):
    """One occurrence of a dispositif: a date, a place or a video link, an invited audience."""

    class Statut(models.TextChoices):
        BROUILLON = "brouillon", "Brouillon (planifiée, non publiée)"
        PUBLIEE = "publiee", "Publiée"
        ANNULEE = "annulee", "Annulée"

    class Audience(models.TextChoices):
        PROMOTION = "promotion", "Toute la promotion"
        EIG = "eig", "Les EIG de la promotion"
        PORTEURS = "porteurs", "Les porteurs et porteuses (sponsors bienvenus)"
        DEFI = "defi", "L'équipe d'un défi"
        METIER = "metier", "Les EIG d'un métier"
        LISTE = "liste", "Une liste de personnes"

    uid = models.UUIDField("identifiant iCalendar", default=uuid.uuid4, unique=True, editable=False)
    dispositif = models.ForeignKey(Dispositif, on_delete=models.PROTECT, related_name="sessions")
    promotion = models.ForeignKey(Promotion, on_delete=models.CASCADE, related_name="sessions")
    phase = models.ForeignKey(Phase, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions")
    titre = models.CharField("titre", max_length=200)
    description = models.TextField("description", blank=True)
    debut = models.DateTimeField("début")
    fin = models.DateTimeField("fin")
    lieu = models.CharField("lieu", max_length=300, blank=True)
    lien_visio = models.URLField("lien de visioconférence", max_length=500, blank=True)
    facilitateurs = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="sessions_animees", verbose_name="animée par"
    )
    audience = models.CharField("public invité", max_length=20, choices=Audience.choices,
                                default=Audience.PROMOTION)
    defi = models.ForeignKey(Defi, on_delete=models.CASCADE, null=True, blank=True, related_name="sessions",
                             verbose_name="défi invité")
    expertise = models.ForeignKey(Expertise, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="sessions", verbose_name="métier invité")
    invites = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="sessions_invite",
                                     verbose_name="personnes invitées")
    capacite = models.PositiveIntegerField("nombre de places", null=True, blank=True,
                                           help_text="Vide : sans limite. Au-delà, liste d'attente.")
    statut = models.CharField("statut", max_length=20, choices=Statut.choices, default=Statut.BROUILLON)
    motif_annulation = models.TextField("motif d'annulation", blank=True)
    sequence = models.PositiveIntegerField("révision (iCalendar)", default=0)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    history = HistoricalRecords(excluded_fields=["uid", "sequence", "created_at", "updated_at"],
                                m2m_fields=["facilitateurs", "invites"])

    class Meta:
        ordering = ["debut"]
        # (debut, fin): the admin list by date, its first and last dates, within the accepted window.
        indexes = [models.Index(fields=["promotion", "debut"]), models.Index(fields=["statut", "debut"]),
                   models.Index(fields=["debut", "fin"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(fin__gt=F("debut")), name="session_fin_apres_debut",
                violation_error_message="La fin doit être après le début.",
            ),
            models.CheckConstraint(
                condition=~Q(audience="defi") | Q(defi__isnull=False), name="session_defi_si_audience_defi",
                violation_error_message="Choisissez le défi dont l'équipe est invitée.",
            ),
            models.CheckConstraint(
                condition=~Q(audience="metier") | Q(expertise__isnull=False), name="session_metier_si_audience_metier",
                violation_error_message="Choisissez le métier dont les EIG sont invités.",
            ),
            models.CheckConstraint(
                condition=~Q(statut="annulee") | ~Q(motif_annulation=""), name="session_annulee_avec_motif",
                violation_error_message="Une session annulée porte le motif de son annulation.",
            ),
        ]

    def __str__(self):
        return self.titre

    def clean(self):
        from ..crochets import session_verifiee

        fenetre = fenetre_promotion(self.promotion if self.promotion_id else None)
        for champ in ("debut", "fin"):
            if getattr(self, champ) is not None:
                verifier_date(getattr(self, champ), fenetre, champ)
        # Then the other apps' rules on it (evaluations: one comité session per défi and phase).
        session_verifiee.send(sender=Session, session=self)


class Inscription(models.Model):
    """A person's answer to a session: registered, on the waiting list, declined; and whether they came. When the
    person is erased, their answers to past sessions stay without anyone behind them, so attendance figures stay."""

    class Statut(models.TextChoices):
        INSCRITE = "inscrite", "Inscription confirmée"
        ATTENTE = "attente", "En liste d'attente"
        DECLINEE = "declinee", "A décliné"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="inscriptions")
    personne = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="inscriptions")
    statut = models.CharField("statut", max_length=20, choices=Statut.choices, default=Statut.INSCRITE)
    present = models.BooleanField("présence", null=True, blank=True)
    created_at = models.DateTimeField("date de la réponse", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        ordering = ["session", "created_at"]
        constraints = [models.UniqueConstraint(
                           fields=["session", "personne"], name="inscription_unique",
                           violation_error_message="Cette personne est déjà inscrite à cette session.",
                       )]
        indexes = [models.Index(fields=["personne", "statut"])]

    def __str__(self):
        return f"{self.personne} · {self.session} · {self.get_statut_display()}"


def hacher_jeton(jeton: str) -> str:
    """What `JetonAgenda` stores of a feed's secret (its SHA-256): the services write it, the feed looks it up."""
    return hashlib.sha256(jeton.encode()).hexdigest()


class JetonAgenda(models.Model):
    """The secret of a person's iCalendar feed; regenerating it revokes the old link."""

    personne = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jeton_agenda")
    jeton_hache = models.CharField("empreinte du jeton", max_length=64, unique=True)
    created_at = models.DateTimeField("créé le", auto_now=True)

    class Meta:
        verbose_name = "jeton d'agenda"
        verbose_name_plural = "jetons d'agenda"

    def __str__(self):
        return f"Agenda de {self.personne}"
