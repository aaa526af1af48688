"""Reads of the programme, with what each page needs prefetched."""

import datetime
import hashlib

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from .models import Invitation, Personne, Promotion, Role

# Newest first; a promotion without dates comes last.
RECENTES_D_ABORD = (F("date_debut").desc(nulls_last=True), "-numero")


def promotions_en_cours(premier_jour, dernier_jour=None) -> QuerySet[Promotion]:
    """The promotions running on at least one day between `premier_jour` and `dernier_jour` (the same day when
    not given), oldest first; a promotion without dates is not running."""
    return Promotion.objects.filter(
        date_debut__lte=dernier_jour or premier_jour, date_fin__gte=premier_jour
    ).order_by("date_debut", "numero")


def promotion_par_defaut(personne=None, jour: datetime.date | None = None) -> Promotion | None:
    """The promotion a page shows first, the same on every page: the running one the person has a role in, else
    the running one that started last, else the one that started last (None when there is none)."""
    en_cours = promotions_en_cours(jour or timezone.localdate()).order_by(*RECENTES_D_ABORD)
    siennes = en_cours.filter(roles__personne=personne) if personne and personne.is_authenticated else en_cours.none()
    return siennes.first() or en_cours.first() or Promotion.objects.order_by(*RECENTES_D_ABORD).first()


def roles_de(personne) -> QuerySet[Role]:
    """A person's roles, newest promotion first, each with its promotion (« Mon espace » reads the phases of all
    the person's promotions at once, those of their roles and of their défis)."""
    return (
        Role.objects.filter(personne=personne)
        .select_related("promotion")
        .order_by("-promotion__date_debut", "-promotion__numero", "type")
    )



def coachs_de(promotion: Promotion) -> QuerySet[Personne]:
    """The active coaches of a promotion and those of the whole programme (a coach role without promotion):
    who hears of its alerts and reviews its groups."""
    return Personne.objects.filter(
        Q(roles__promotion=promotion) | Q(roles__promotion__isnull=True), roles__type=Role.Type.COACH, is_active=True,
    ).distinct().order_by("pk")


def eig_par_pk(pk) -> Personne | None:
    """A person who is EIG in some promotion, or None."""
    return Personne.objects.filter(pk=pk, roles__type=Role.Type.EIG).distinct().first()


def photo_de(pk) -> Personne | None:
    """The active person `pk` when they have an annuaire photo, or None (who may see it: `voir_photo_annuaire`)."""
    return Personne.objects.filter(pk=pk, is_active=True).exclude(photo="").first()


def jeton_hacher(jeton: str) -> str:
    """What the database keeps of an invitation's token: its SHA-256, never the token itself."""
    return hashlib.sha256(jeton.encode()).hexdigest()


def invitation_utilisable(invitation: Invitation | None) -> bool:
    """Whether an invitation may still be used: not used, not expired, and sent to the address its person has."""
    if invitation is None or not invitation.est_valide:
        return False
    personne = invitation.personne
    return personne.is_active and (personne.email or "").lower() == invitation.email.lower()


def invitation_a_suivre(jeton: str) -> Invitation | None:
    """The invitation a link carries, for its confirmation page; None when the link cannot be used. Reading it
    changes nothing, so a mail scanner opening the link does not use it."""
    invitation = (
        Invitation.objects.select_related("personne", "promotion").filter(jeton_hache=jeton_hacher(jeton)).first()
    )
    return invitation if invitation_utilisable(invitation) else None
