"""Mentorat: mentors offer slots; an EIG or a porteur books a whole cycle of four weekly slots at once."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from programme.dates import fenetre_des_promotions, verifier_date
from programme.models import Promotion


class TypeMentorat(models.TextChoices):
    MENTORAT = "mentorat", "Mentorat (spécialistes de la DINUM)"
    INDIVIDUEL = "individuel", "Mentorat individuel (coachs)"


class Creneau(models.Model):
    """A slot a mentor offers."""

    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="creneaux")
    type = models.CharField("type", max_length=20, choices=TypeMentorat.choices)
    debut = models.DateTimeField("début")
    fin = models.DateTimeField("fin")
    lieu = models.CharField("lieu ou lien", max_length=500, blank=True)
    created_at = models.DateTimeField("proposé le", auto_now_add=True)

    class Meta:
        verbose_name = "créneau"
        verbose_name_plural = "créneaux"
        ordering = ["debut"]
        indexes = [models.Index(fields=["mentor", "debut"]), models.Index(fields=["type", "debut"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(fin__gt=F("debut")), name="creneau_fin_apres_debut",
                violation_error_message="La fin du créneau doit être après son début.",
            ),
            models.UniqueConstraint(
                fields=["mentor", "debut"], name="creneau_unique_par_mentor",
                violation_error_message="Vous avez déjà un créneau qui commence à cette heure.",
            ),
        ]

    def __str__(self):
        return f"{self.get_type_display()} · {self.mentor} · {self.debut:%d/%m/%Y %H:%M}"

    def clean(self):
        fenetre = fenetre_creneaux(self.mentor if self.mentor_id else None)
        for champ in ("debut", "fin"):
            if getattr(self, champ) is not None:
                verifier_date(getattr(self, champ), fenetre, champ)


def fenetre_creneaux(mentor):
    """A mentor's slots fall within the windows of the promotions where they hold a role."""
    promotions = Promotion.objects.filter(roles__personne=mentor).distinct() if mentor else []
    return fenetre_des_promotions(promotions)


class Cycle(models.Model):
    """A cycle of four weekly sessions with one mentor, booked all at once, within a month."""

    demandeur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cycles")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cycles_mentor")
    type = models.CharField("type", max_length=20, choices=TypeMentorat.choices)
    besoins = models.TextField("expression des besoins")
    created_at = models.DateTimeField("réservé le", auto_now_add=True)
    annule_le = models.DateTimeField("annulé le", null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Cycle de {self.demandeur} avec {self.mentor}"


class Reservation(models.Model):
    """A slot held by a cycle. The database refuses a second live reservation of the same slot."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="reservations")
    creneau = models.ForeignKey(Creneau, on_delete=models.CASCADE, related_name="reservations", verbose_name="créneau")
    annulee_le = models.DateTimeField("annulée le", null=True, blank=True)
    sequence = models.PositiveIntegerField("révision (iCalendar)", default=0)

    class Meta:
        verbose_name = "réservation"
        ordering = ["creneau__debut"]
        constraints = [
            models.UniqueConstraint(
                fields=["creneau"], condition=Q(annulee_le__isnull=True), name="creneau_tenu_une_seule_fois",
                violation_error_message="Ce créneau vient d'être réservé par quelqu'un d'autre.",
            ),
        ]

    def __str__(self):
        return f"{self.creneau} — {self.cycle.demandeur}"
