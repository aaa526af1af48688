"""Writes of the programme: promotions and their phases, invitations, the annuaire photo of a person."""

import datetime
import secrets

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from .models import Invitation, Notification, Personne, Phase, Promotion, Role
from .notifications import Envoi, lien_absolu, notifier
from .photos import Photo, photo_preparer
from .selectors import invitation_utilisable, jeton_hacher


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


def _adresse(email: str) -> str:
    return Personne.objects.normalize_email(email.strip()).lower()


@transaction.atomic
def adresse_synchroniser(personne: Personne, *, verifiee: bool = False):
    """allauth's address rows follow the person's one address: the login by code looks them up, so an address
    changed by a coach stops opening the account at once, and no other address ever does."""
    from allauth.account.models import EmailAddress

    adresses = EmailAddress.objects.filter(user=personne)
    if not personne.email:
        adresses.delete()
        return
    adresses.exclude(email__iexact=personne.email).delete()
    adresse, creee = EmailAddress.objects.get_or_create(
        user=personne, email=personne.email.lower(), defaults={"primary": True, "verified": verifiee}
    )
    if not creee and (not adresse.primary or (verifiee and not adresse.verified)):
        adresse.primary = True
        adresse.verified = adresse.verified or verifiee
        adresse.save(update_fields=["primary", "verified"])


@transaction.atomic
def invitation_envoyer(*, email, prenom, nom_usage, promotion, type_role, par=None) -> Invitation:
    """Invite an address to a role in a promotion: the person is created if the address is new, and gets the
    role only when the link sent to that address is followed (`invitation_accepter`).

    The e-mail leaves once the transaction is committed; the link works once, until it expires.
    """
    if type_role not in Role.Type.values:
        raise ValidationError({"type_role": "Ce rôle n'existe pas."})
    email = _adresse(email)
    personne = Personne.objects.filter(email__iexact=email).first()
    if personne is None:
        personne = Personne(email=email, prenom=prenom.strip(), nom_usage=nom_usage.strip())
        personne.set_unusable_password()
        personne.full_clean(exclude=["password"])
        try:
            with transaction.atomic():
                personne.save()
        except IntegrityError:
            # The same address was invited at the same moment: a French error, not a 500.
            raise ValidationError({"email": "Cette adresse vient d'être invitée : réessayez dans un instant."})
    elif Role.objects.filter(personne=personne, promotion=promotion, type=type_role).exists():
        role = Role(personne=personne, promotion=promotion, type=type_role)
        raise ValidationError(f"{personne} a déjà ce rôle ({role}) : inutile de l'inviter de nouveau.")
    return invitation_creer(personne, promotion=promotion, type_role=type_role, par=par)


@transaction.atomic
def invitation_creer(personne: Personne, *, promotion, type_role, par=None) -> Invitation:
    """E-mail a single-use link offering a role to the person's current address: from the invitation page, or
    from the admin's list of roles (to send or send again the invitation of a role a coach typed in)."""
    if not personne.email:
        raise ValidationError(f"{personne} n'a pas d'adresse électronique : ajoutez-la avant de l'inviter.")
    if not personne.is_active:
        raise ValidationError(f"Le compte de {personne} est désactivé : réactivez-le dans l'administration avant de "
                              "l'inviter.")
    jeton = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        personne=personne, email=personne.email, promotion=promotion, type_role=type_role,
        jeton_hache=jeton_hacher(jeton), invitee_par=par,
        expire_le=Invitation.expiration_par_defaut(settings.INVITATION_VALIDITE_JOURS),
    )
    notifier(Envoi(
        personne=personne, cle=f"invitation:{invitation.pk}", gabarit="programme/emails/invitation",
        sujet=f"Invitation : {invitation.role_propose}",
        contexte={"invitation": invitation, "role": invitation.role_propose},
        lien=lien_absolu(reverse("invitation_accepter", kwargs={"jeton": jeton})),
        categorie=Notification.Categorie.SERVICE,
    ))
    return invitation


@transaction.atomic
def invitation_accepter(jeton: str) -> Personne | None:
    """Use an invitation's link once: the role offered is created now, and the person is returned, to be logged
    in. None if the link is unknown, used, expired, or was sent to an address the person no longer has."""
    invitation = (
        Invitation.objects.select_for_update().select_related("personne").filter(jeton_hache=jeton_hacher(jeton)).first()
    )
    if not invitation_utilisable(invitation):
        return None
    personne = invitation.personne
    invitation.role, _ = Role.objects.get_or_create(
        personne=personne, promotion=invitation.promotion, type=invitation.type_role
    )
    invitation.acceptee_le = timezone.now()
    invitation.save(update_fields=["role", "acceptee_le"])
    # Following the link proves the mailbox: the address is verified.
    adresse_synchroniser(personne, verifiee=True)
    return personne


@transaction.atomic
def coach_creer(*, email, prenom, nom_usage) -> tuple[Personne, bool]:
    """The first coach, from the server's command line: find or create the person, give them a coach role for
    the whole programme and e-mail them how to log in by code. Returns the person and whether the role is new."""
    email = _adresse(email)
    personne = Personne.objects.filter(email__iexact=email).first()
    if personne is None:
        personne = Personne(email=email, prenom=prenom.strip(), nom_usage=nom_usage.strip())
        personne.set_unusable_password()
        personne.full_clean(exclude=["password"])
        personne.save()
    adresse_synchroniser(personne)
    role, cree = Role.objects.get_or_create(personne=personne, promotion=None, type=Role.Type.COACH)
    if cree:
        notifier(Envoi(
            personne=personne, cle=f"coach:{role.pk}", gabarit="programme/emails/coach_cree",
            sujet="Vous êtes coach du programme", contexte={"role": role},
            lien=lien_absolu(reverse("account_request_login_code")),
            categorie=Notification.Categorie.SERVICE,
        ))
    return personne, cree


@transaction.atomic
def photo_remplacer(personne: Personne, fichier) -> Personne:
    """Give `personne` the annuaire photo `fichier`: an upload, checked and written anew here by
    `photos.photo_preparer` (which raises ValidationError), or a `Photo` a form already prepared so. The former
    photo leaves the storage once committed."""
    photo = fichier if isinstance(fichier, Photo) else photo_preparer(fichier)
    stockage, ancienne = personne.photo.storage, personne.photo.name
    personne.photo.save(f"photo{photo.extension}", ContentFile(photo.contenu), save=False)
    try:
        Personne.objects.filter(pk=personne.pk).update(photo=personne.photo.name)
    except Exception:
        # A row that cannot be written must not leave its file on the disk.
        stockage.delete(personne.photo.name)
        raise
    if ancienne:
        transaction.on_commit(lambda: stockage.delete(ancienne))
    return personne


@transaction.atomic
def photo_supprimer(personne: Personne) -> bool:
    """Remove the annuaire photo of `personne`: the file leaves the storage once committed. Whether there was one."""
    if not personne.photo:
        return False
    stockage, chemin = personne.photo.storage, personne.photo.name
    Personne.objects.filter(pk=personne.pk).update(photo="")
    personne.photo = ""
    transaction.on_commit(lambda: stockage.delete(chemin))
    return True
