"""Writes of the accompagnement: agenda.

The secret link of a person's iCalendar feed. Only its SHA-256 is stored: the clear token is shown once,
right after it is made, and regenerating it makes the old link answer 404.
"""

import secrets

from django.db import transaction

from ..models import JetonAgenda
from ..models.sessions import hacher_jeton


def jeton_agenda_creer(personne) -> str | None:
    """The person's first feed secret, made on their first visit of the subscription page.

    Returns the clear token, or None when the person already has one (it cannot be shown again).
    """
    jeton = secrets.token_urlsafe(32)
    _, cree = JetonAgenda.objects.get_or_create(personne=personne, defaults={"jeton_hache": hacher_jeton(jeton)})
    return jeton if cree else None


@transaction.atomic
def jeton_agenda_regenerer(personne) -> str:
    """Replace the person's feed secret: the old link stops working at once. Returns the new clear token."""
    jeton = secrets.token_urlsafe(32)
    JetonAgenda.objects.update_or_create(personne=personne, defaults={"jeton_hache": hacher_jeton(jeton)})
    return jeton
