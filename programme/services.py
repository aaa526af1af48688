"""Writes of the programme: promotions and their phases, invitations."""

import datetime
import hashlib
import secrets

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .models import Invitation, Notification, Personne, Phase, Promotion, Role
from .notifications import Envoi, lien_absolu, notifier


def phases_dates(date_debut: datetime.date):
    """The default (start, end) of each phase from the promotion's start: 2, 3, 3 and 2 months."""
    dates = {}
    debut = date_debut
    for numero, (_nom, _devise, mois) in Phase.REFERENTIEL.items():
        fin = debut + relativedelta(months=mois) - datetime.timedelta(days=1)
        dates[numero] = (debut, fin)
        debut = fin + datetime.timedelta(days=1)
    return dates


@transaction.atomic
def promotion_creer(nom, *, numero=None, date_debut=None, **champs) -> Promotion:
    """Create a promotion with its four phases, dated from its start when it is known."""
    promotion = Promotion(nom=nom, numero=numero, date_debut=date_debut, **champs)
    if date_debut and not promotion.date_fin:
        promotion.date_fin = date_debut + relativedelta(months=10) - datetime.timedelta(days=1)
    promotion.full_clean()
    promotion.save()
    phases_creer(promotion)
    return promotion


def phases_creer(promotion: Promotion):
    """Create the promotion's missing phases, with their default dates."""
    dates = phases_dates(promotion.date_debut) if promotion.date_debut else {}
    existantes = set(promotion.phases.values_list("numero", flat=True))
    Phase.objects.bulk_create(
        Phase(
            promotion=promotion, numero=numero, nom=nom, devise=devise, duree_mois=mois,
            date_debut=dates.get(numero, (None, None))[0], date_fin=dates.get(numero, (None, None))[1],
        )
        for numero, (nom, devise, mois) in Phase.REFERENTIEL.items()
        if numero not in existantes
    )


@transaction.atomic
def promotion_replanifier(promotion: Promotion):
    """After the start date changed: the end date and every phase follow it again."""
    if not promotion.date_debut:
        return
    promotion.date_fin = promotion.date_debut + relativedelta(months=10) - datetime.timedelta(days=1)
    promotion.save(update_fields=["date_fin"])
    phases_creer(promotion)
    for numero, (debut, fin) in phases_dates(promotion.date_debut).items():
        promotion.phases.filter(numero=numero).update(date_debut=debut, date_fin=fin)


def _hacher(jeton: str) -> str:
    return hashlib.sha256(jeton.encode()).hexdigest()


@transaction.atomic
def invitation_envoyer(*, email, prenom, nom_usage, promotion, type_role, par=None) -> Invitation:
    """Invite a person with a role in a promotion: create them if needed, then e-mail a link to their space.

    The e-mail leaves once the transaction is committed; the link works once, until it expires.
    """
    email = Personne.objects.normalize_email(email.strip()).lower()
    personne = Personne.objects.filter(email__iexact=email).first()
    if personne is None:
        personne = Personne(email=email, prenom=prenom.strip(), nom_usage=nom_usage.strip())
        personne.set_unusable_password()
        personne.full_clean(exclude=["password"])
        personne.save()
    if type_role not in Role.Type.values:
        raise ValidationError({"type_role": "Ce rôle n'existe pas."})
    role, _ = Role.objects.get_or_create(personne=personne, promotion=promotion, type=type_role)
    return invitation_creer(role, par=par)


@transaction.atomic
def invitation_creer(role: Role, *, par=None) -> Invitation:
    """Send a (new) invitation for an existing role: from the admin, or to resend an expired one."""
    personne = role.personne
    if not personne.email:
        raise ValidationError(f"{personne} n'a pas d'adresse électronique : ajoutez-la avant de l'inviter.")
    jeton = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        personne=personne, role=role, jeton_hache=_hacher(jeton), invitee_par=par,
        expire_le=Invitation.expiration_par_defaut(settings.INVITATION_VALIDITE_JOURS),
    )
    notifier(Envoi(
        personne=personne, cle=f"invitation:{invitation.pk}", gabarit="programme/emails/invitation",
        sujet=f"Invitation : {role}", contexte={"invitation": invitation, "role": role},
        lien=lien_absolu(reverse("invitation_accepter", kwargs={"jeton": jeton})),
        categorie=Notification.Categorie.SERVICE,
    ))
    return invitation


@transaction.atomic
def invitation_accepter(jeton: str) -> Personne | None:
    """Use an invitation's link once: the person is returned, to be logged in; None if invalid or expired."""
    invitation = (
        Invitation.objects.select_for_update().select_related("personne").filter(jeton_hache=_hacher(jeton)).first()
    )
    if invitation is None or not invitation.est_valide:
        return None
    invitation.acceptee_le = timezone.now()
    invitation.save(update_fields=["acceptee_le"])
    personne = invitation.personne
    if not personne.is_active:
        return None
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=personne, email=personne.email, defaults={"verified": True, "primary": True}
    )
    return personne
