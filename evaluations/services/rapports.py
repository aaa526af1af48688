"""Writes of the rapports d'évaluation: the coaches' draft, then its publication to the team and the sponsor.

Publishing notifies the défi's EIG, porteurs and sponsors once: each e-mail is recorded under the unique key
`rapport:<pk>:publie:<personne>` in the same transaction, behind a row lock on the rapport, so publishing
twice — even at the same instant — sends each person a single e-mail.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from defis.models import MembreEquipe
from programme.notifications import Envoi, lien_absolu, notifier_plusieurs

from ..models import AtteinteObjectif, Comite, Objectif, Rapport

CHAMPS_RAPPORT = ["synthese", "reussites", "points_attention", "recommandations", "orientation"]


def _cle_publication(rapport, personne) -> str:
    """The key of the e-mail telling `personne` that `rapport` is published."""
    return f"rapport:{rapport.pk}:publie:{personne.pk}"


@transaction.atomic
def rapport_enregistrer(comite: Comite, *, champs: dict, atteintes: dict, par) -> Rapport:
    """Save the coaches' rapport: its texts, its orientation, and for each objective of the support a % and
    a comment (`atteintes` maps an objective's id to {"pourcentage", "commentaire"}). A published rapport
    stays published; every change is kept with its author."""
    rapport, cree = Rapport.objects.select_for_update().get_or_create(comite=comite)
    if rapport.est_publie and not champs.get("orientation", rapport.orientation):
        raise ValidationError("Un rapport publié garde une orientation.")
    modifies = [nom for nom in CHAMPS_RAPPORT if nom in champs and getattr(rapport, nom) != champs[nom]]
    for nom in modifies:
        setattr(rapport, nom, champs[nom])
    if modifies or cree:
        rapport._history_user = par
        rapport.save()
    objectifs = set(Objectif.objects.filter(support__comite=comite).values_list("pk", flat=True))
    existantes = {atteinte.objectif_id: atteinte for atteinte in rapport.atteintes.all()}
    for objectif_id, donnees in atteintes.items():
        if objectif_id not in objectifs:
            raise ValidationError("Cet objectif n'appartient pas au support de ce comité.")
        atteinte = existantes.get(objectif_id) or AtteinteObjectif(rapport=rapport, objectif_id=objectif_id)
        changes = [nom for nom in ("pourcentage", "commentaire") if getattr(atteinte, nom) != donnees[nom]]
        for nom in changes:
            setattr(atteinte, nom, donnees[nom])
        if changes or atteinte.pk is None:
            atteinte.full_clean()
            atteinte._history_user = par
            atteinte.save()
    return rapport


@transaction.atomic
def rapport_publier(rapport: Rapport, *, par, maintenant=None) -> Rapport:
    """Publish a rapport once the comité has taken place; the team, porteurs and sponsors are notified once,
    after the commit. Publishing an already published rapport changes nothing and sends nothing."""
    rapport = Rapport.objects.select_for_update().select_related("comite").get(pk=rapport.pk)
    maintenant = maintenant or timezone.now()
    if rapport.comite.debut > maintenant:
        raise ValidationError("Le comité n'a pas encore eu lieu : le rapport se publie après lui.")
    if not rapport.synthese.strip():
        raise ValidationError("Rédigez la synthèse avant de publier le rapport.")
    if not rapport.orientation:
        raise ValidationError("Choisissez une orientation avant de publier le rapport.")
    if not rapport.est_publie:
        rapport.statut = Rapport.Statut.PUBLIE
        rapport.publie_le = maintenant
        rapport.publie_par = par
        rapport._history_user = par
        rapport.save()
        _rapport_publie_mails(rapport)
    return rapport


def destinataires_publication(comite) -> list:
    """Who hears of a published rapport: the défi's EIG, porteurs and sponsors with an e-mail address."""
    membres = (
        MembreEquipe.objects.filter(defi=comite.defi_id, personne__is_active=True)
        .exclude(personne__email__isnull=True).exclude(personne__email="")
        .select_related("personne").order_by("personne__nom_usage", "personne__prenom")
    )
    personnes = {}
    for membre in membres:
        personnes.setdefault(membre.personne_id, membre.personne)
    return list(personnes.values())


def _rapport_publie_mails(rapport):
    comite = Comite.objects.select_related("defi", "phase").get(pk=rapport.comite_id)
    lien = lien_absolu(reverse("rapport", kwargs={"slug": comite.defi.slug, "numero": comite.phase.numero}))
    notifier_plusieurs([
        Envoi(
            personne=personne, cle=_cle_publication(rapport, personne),
            gabarit="evaluations/emails/rapport_publie",
            sujet=f"Rapport d'évaluation publié : {comite.defi.titre}, phase {comite.phase.numero}",
            contexte={"rapport": rapport, "comite": comite, "defi": comite.defi}, lien=lien,
        )
        for personne in destinataires_publication(comite)
    ])
