"""The link between a person and their ProConnect identity: later logins follow the provider's `sub`, never the
e-mail alone, so an address changed at ProConnect cannot take over another account."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class LienProConnect(models.Model):
    personne = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lien_proconnect", verbose_name="personne",
    )
    sub = models.CharField("identifiant ProConnect (sub)", max_length=255, unique=True)
    lie_le = models.DateTimeField("lié le", default=timezone.now)

    class Meta:
        verbose_name = "lien ProConnect"
        verbose_name_plural = "liens ProConnect"

    def __str__(self):
        return f"{self.personne} ↔ {self.sub}"
