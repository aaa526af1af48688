"""Every e-mail Magellan sends goes through here: rendered in French (text and HTML), recorded with a unique
key, then handed to the Celery worker after the commit. A key already recorded sends nothing, so a task run
twice, retried after a crash or delivered twice by the broker never reaches anyone twice."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import Notification, Personne, RefusNotification


def lien_absolu(chemin: str) -> str:
    """An absolute link to a page of Magellan, for e-mails."""
    return settings.SITE_URL.rstrip("/") + chemin


@dataclass
class Envoi:
    """One e-mail to prepare: to whom, under which key, from which templates (`<gabarit>.txt` and `.html`)."""

    personne: Personne
    cle: str
    gabarit: str
    sujet: str
    contexte: dict = field(default_factory=dict)
    lien: str = ""
    categorie: str = Notification.Categorie.SERVICE


# What apps above add to every e-mail of a category (ressources: the pages coaches attach to a reminder), registered
# in their AppConfig.ready: a function of the category giving a context, asked once per category and per batch.
CONTEXTES_PAR_CATEGORIE: list[Callable[[str], dict]] = []


def _contextes(categories) -> dict[str, dict]:
    """What every e-mail of a category shares, computed once per category and per call: what apps add, and the
    link to « Mes notifications » with the category's name for a reminder one may decline."""
    contextes = {}
    for categorie in set(categories):
        declinable = categorie in Notification.DECLINABLES
        contextes[categorie] = {
            "lien_preferences": lien_absolu(reverse("preferences_notifications")) if declinable else "",
            "categorie_libelle": Notification.Categorie(categorie).label if declinable else "",
        }
        for fournir in CONTEXTES_PAR_CATEGORIE:
            contextes[categorie].update(fournir(categorie))
    return contextes


def _rendre(envoi: Envoi, commun: dict) -> Notification:
    """The e-mail of `envoi`, rendered; `commun` is what `_contextes` gave for its category."""
    contexte = {**commun, "personne": envoi.personne, "lien": envoi.lien, "nom_service": "Magellan", **envoi.contexte}
    return Notification(
        cle=envoi.cle,
        destinataire=envoi.personne,
        adresse=envoi.personne.email,
        categorie=envoi.categorie,
        sujet=f"[Magellan] {envoi.sujet}"[:300],
        texte=render_to_string(f"{envoi.gabarit}.txt", contexte),
        html=render_to_string(f"{envoi.gabarit}.html", contexte),
    )


def _refus(personnes, categorie) -> set[int]:
    if categorie not in Notification.DECLINABLES:
        return set()
    return set(
        RefusNotification.objects.filter(personne__in=personnes, categorie=categorie)
        .values_list("personne_id", flat=True)
    )


def _programmer(ids):
    from .tasks import notification_envoyer

    ids = list(ids)
    if ids:
        # Robust: a broker out of reach must not fail the saved action; `notifications_relancer` catches up.
        transaction.on_commit(lambda: [notification_envoyer.delay(pk) for pk in ids], robust=True)


def notifier(envoi: Envoi) -> Notification | None:
    """Record one e-mail and send it after the commit; None when the key was already recorded, the person has
    no address, or they declined this kind of reminder."""
    if not envoi.personne.email or envoi.personne.pk in _refus([envoi.personne], envoi.categorie):
        return None
    if Notification.objects.filter(cle=envoi.cle).exists():
        return None
    notification = _rendre(envoi, _contextes([envoi.categorie])[envoi.categorie])
    try:
        with transaction.atomic():
            notification.save()
    except IntegrityError:
        # Another worker recorded the same key between the check and the insert: theirs is the one sent.
        return None
    _programmer([notification.pk])
    return notification


# E-mails rendered and inserted at a time by `notifier_plusieurs`: at most this many bodies sit in memory.
COURRIELS_PAR_INSERTION = 1000


def notifier_plusieurs(envois: list[Envoi], taille_lot: int | None = None) -> int:
    """Record many e-mails at once (a météo round for 10,000 EIG) and send them after the commit; returns how many
    new ones will leave. Declined reminders and keys already recorded are read in one query each whatever the
    number of e-mails, what apps add once per category (a reminder's resources); the new e-mails are rendered
    and inserted `taille_lot` (COURRIELS_PAR_INSERTION) at a time, so that memory stays bounded, then their ids
    read in one query."""
    taille_lot = taille_lot or COURRIELS_PAR_INSERTION
    envois = [envoi for envoi in envois if envoi.personne.email]
    declinables = [envoi for envoi in envois if envoi.categorie in Notification.DECLINABLES]
    if declinables:
        refus = set(RefusNotification.objects.filter(
            personne__in={envoi.personne.pk for envoi in declinables},
            categorie__in={envoi.categorie for envoi in declinables},
        ).values_list("categorie", "personne_id"))
        envois = [envoi for envoi in envois if (envoi.categorie, envoi.personne.pk) not in refus]
    if not envois:
        return 0
    connues = set(Notification.objects.filter(cle__in=[envoi.cle for envoi in envois]).values_list("cle", flat=True))
    envois = [envoi for envoi in envois if envoi.cle not in connues]
    if not envois:
        return 0
    communs = _contextes(envoi.categorie for envoi in envois)
    for debut in range(0, len(envois), taille_lot):
        Notification.objects.bulk_create(
            [_rendre(envoi, communs[envoi.categorie]) for envoi in envois[debut:debut + taille_lot]],
            ignore_conflicts=True,
        )
    # Another worker may have recorded some of these keys meanwhile: theirs are the ones sent.
    ids = list(Notification.objects.filter(
        cle__in=[envoi.cle for envoi in envois], statut=Notification.Statut.A_ENVOYER, tentatives=0
    ).values_list("pk", flat=True))
    _programmer(ids)
    return len(ids)


class EchecEnvoi(Exception):
    """The mail server refused or did not answer; the task retries later."""


def notification_expedier(pk: int) -> bool:
    """Send one recorded e-mail unless it already left; True when it was sent now.

    The row is locked while sending, so two workers holding the same task send it once."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=pk).first()
        if notification is None or notification.statut != Notification.Statut.A_ENVOYER:
            return False
        if not notification.texte and not notification.html:
            # Never an empty e-mail: a body already erased cannot be sent again.
            notification.statut = Notification.Statut.ECHEC
            notification.derniere_erreur = "Contenu effacé : le courriel ne peut plus partir."
            notification.save(update_fields=["statut", "derniere_erreur"])
            return False
        message = EmailMultiAlternatives(subject=notification.sujet, body=notification.texte, to=[notification.adresse])
        if notification.html:
            message.attach_alternative(notification.html, "text/html")
        try:
            message.send()
        except Exception as erreur:
            erreur_texte = f"{type(erreur).__name__}: {erreur}"
        else:
            notification.statut = Notification.Statut.ENVOYEE
            notification.envoyee_le = timezone.now()
            notification.tentatives += 1
            notification.texte = ""
            notification.html = ""
            notification.derniere_erreur = ""
            notification.derniere_tentative_le = notification.envoyee_le
            notification.save(update_fields=["statut", "envoyee_le", "tentatives", "texte", "html", "derniere_erreur",
                                             "derniere_tentative_le"])
            return True
    Notification.objects.filter(pk=pk, statut=Notification.Statut.A_ENVOYER).update(
        tentatives=F("tentatives") + 1, derniere_erreur=erreur_texte[:2000], derniere_tentative_le=timezone.now()
    )
    raise EchecEnvoi(erreur_texte)


def notification_abandonner(pk: int):
    """After the last retry: the e-mail is marked as failed, for the coaches to see in the admin. Its body (which
    may hold a personal login link) is kept COURRIELS_EN_ECHEC_JOURS days after this last attempt, so that a coach
    can send it again with « Renvoyer » once the mail server is back; the nightly purge erases it then. Key,
    address, subject, error and dates stay, so the occasion is never sent twice."""
    Notification.objects.filter(pk=pk, statut=Notification.Statut.A_ENVOYER).update(
        statut=Notification.Statut.ECHEC, derniere_tentative_le=timezone.now()
    )


def _avec_corps():
    """The e-mails that still hold a body: a sent or finally failed one has none left to send."""
    return ~Q(texte="") | ~Q(html="")


def notifications_renvoyer(ids) -> int:
    """Send again the chosen e-mails that ended in failure and still hold their body (the coaches' « Renvoyer » in
    the admin, within COURRIELS_EN_ECHEC_JOURS days of their last attempt): back to « à envoyer », attempts reset,
    enqueued after the commit. Others are left alone, those whose body was since erased included; returns how
    many."""
    ids = list(Notification.objects.filter(_avec_corps(), pk__in=list(ids), statut=Notification.Statut.ECHEC)
               .values_list("pk", flat=True))
    Notification.objects.filter(pk__in=ids, statut=Notification.Statut.ECHEC).update(
        statut=Notification.Statut.A_ENVOYER, tentatives=0, derniere_erreur=""
    )
    _programmer(ids)
    return len(ids)


# Longer than the longest wait between two retries (1 h): past it, the retry was lost with its worker or broker.
RETRY_PERDU_APRES = timedelta(hours=2)


def notifications_en_souffrance(depuis_minutes: int = 10):
    """E-mails still waiting that no task holds any more, to enqueue again: those never tried after a while (the
    broker lost the task), and those whose retry never came (the worker stopped during the backoff). Those in
    their retry schedule are left to it; enqueueing one twice would still send it once (row lock, status)."""
    maintenant = timezone.now()
    return list(
        Notification.objects.filter(_avec_corps(), statut=Notification.Statut.A_ENVOYER)
        .filter(Q(tentatives=0, created_at__lt=maintenant - timedelta(minutes=depuis_minutes))
                | Q(tentatives__gt=0, derniere_tentative_le__lt=maintenant - RETRY_PERDU_APRES))
        .order_by("created_at").values_list("pk", flat=True)[:5000]
    )


def preferences_lire(personne) -> dict[str, bool]:
    """For each kind of reminder a person may decline: True when they receive it."""
    refusees = set(RefusNotification.objects.filter(personne=personne).values_list("categorie", flat=True))
    return {categorie: categorie not in refusees for categorie in Notification.DECLINABLES}


@transaction.atomic
def preferences_enregistrer(personne, recues: set[str]):
    """Keep the reminders a person wants, decline the others."""
    for categorie in Notification.DECLINABLES:
        if categorie in recues:
            RefusNotification.objects.filter(personne=personne, categorie=categorie).delete()
        else:
            RefusNotification.objects.get_or_create(personne=personne, categorie=categorie)


def notifications_purger(maintenant=None) -> int:
    """Erase, from the e-mails recorded more than NOTIFICATIONS_CONSERVATION_JOURS days ago and done with (sent or
    failed), who they went to and what they said: address, person, subject, body and error; and the body of the
    e-mails that failed more than COURRIELS_EN_ECHEC_JOURS days ago (kept until then for « Renvoyer »). Returns how
    many e-mails lost something.

    The row itself stays as a tombstone holding only its key, category, status and dates, rather than being
    deleted: only the recorded key stops an occasion from leaving twice, and whether an occasion can come back after
    the retention period depends on each caller (a reminder's catch-up window, a task replayed from an old message,
    an occasion keyed without a date), which no purge can know. A key holds identifiers only, never a name or an
    address."""
    maintenant = maintenant or timezone.now()
    limite = maintenant - timedelta(days=settings.NOTIFICATIONS_CONSERVATION_JOURS)
    anciennes = (
        Notification.objects.filter(
            statut__in=[Notification.Statut.ENVOYEE, Notification.Statut.ECHEC], created_at__lt=limite
        )
        .filter(~Q(adresse="") | ~Q(sujet="") | Q(destinataire__isnull=False) | ~Q(derniere_erreur="") | _avec_corps())
        .update(adresse="", destinataire=None, sujet="", texte="", html="", derniere_erreur="")
    )
    echec_limite = maintenant - timedelta(days=settings.COURRIELS_EN_ECHEC_JOURS)
    echouees = Notification.objects.filter(_avec_corps(), statut=Notification.Statut.ECHEC).filter(
        Q(derniere_tentative_le__lt=echec_limite) | Q(derniere_tentative_le__isnull=True, created_at__lt=echec_limite)
    ).update(texte="", html="")
    return anciennes + echouees
