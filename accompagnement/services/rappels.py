"""Writes of the accompagnement's recurring reminders, run by the Celery beat (accompagnement.tasks.rappels).

- the carnet de bord of the month, on the 20th, to each active EIG of a running promotion who has not written it;
- each published session, in the 24 hours before it starts, to its registered people and facilitators;
- the heures d'accélération of the month just ended, on the 1st, to each parrain or marraine (even without any
  hour: the summary then says so and reminds them that past hours can still be logged) and to the coaches.
Each e-mail is recorded under a unique key (programme.notifications): a run repeated sends nothing twice.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch, Q, Sum
from django.urls import reverse
from django.utils import timezone

from programme.dates import de_mois, mois_precedent, mois_suivant, premier_du_mois
from programme.models import Notification, Personne, Promotion, Role
from programme.notifications import Envoi, lien_absolu, notifier_plusieurs
from programme.selectors import promotions_en_cours

from ..models import HeureAcceleration, Inscription, Session
from ..selectors.heures import consommation_par_defi, consommation_par_parrain, duree_en_clair, plafond_minutes

RAPPEL_SESSION_AVANCE = datetime.timedelta(hours=24)


@transaction.atomic
def rappel_carnet(maintenant: datetime.datetime | None = None) -> int:
    """Remind each active EIG of a running promotion who has not written this month's carnet de bord entry;
    returns how many new e-mails will leave."""
    jour = timezone.localdate(maintenant or timezone.now())
    mois = premier_du_mois(jour)
    eig = (
        Personne.objects.filter(
            is_active=True, roles__type=Role.Type.EIG, roles__promotion__in=promotions_en_cours(jour)
        )
        .exclude(carnets__mois=mois).distinct().order_by("pk")
    )
    lien = lien_absolu(reverse("carnet_ecrire"))
    contexte = {"mois": mois}
    return notifier_plusieurs([
        Envoi(
            personne=personne, cle=f"carnet:rappel:{mois:%Y-%m}:{personne.pk}",
            gabarit="accompagnement/emails/rappel_carnet",
            sujet=f"Votre carnet de bord {de_mois(mois)} vous attend", contexte=contexte, lien=lien,
            categorie=Notification.Categorie.RAPPEL_CARNET,
        )
        for personne in eig
    ])


def sessions_a_rappeler(maintenant: datetime.datetime):
    """Published sessions starting in the next 24 hours, with their registered people and facilitators."""
    return (
        Session.objects.filter(
            statut=Session.Statut.PUBLIEE, debut__gt=maintenant, debut__lte=maintenant + RAPPEL_SESSION_AVANCE
        )
        # A comité's session is reminded by evaluations.rappels_comites; a comité slot without its comité is not.
        .exclude(comite__isnull=False)
        .select_related("dispositif")
        .prefetch_related(
            "facilitateurs",
            Prefetch(
                "inscriptions", to_attr="inscrites",
                queryset=Inscription.objects.filter(statut=Inscription.Statut.INSCRITE).select_related("personne"),
            ),
        )
        .order_by("debut", "pk")
    )


@transaction.atomic
def rappels_sessions(maintenant: datetime.datetime | None = None) -> int:
    """Remind the registered people and facilitators of each session starting within 24 hours; a session moved
    to another time is reminded again. Returns how many new e-mails will leave."""
    # In UTC, so that « 24 hours » are real hours across a daylight-saving change.
    maintenant = (maintenant or timezone.now()).astimezone(datetime.UTC)
    envois = []
    for session in sessions_a_rappeler(maintenant):
        facilitateurs = {personne.pk: personne for personne in session.facilitateurs.all()}
        personnes = {inscription.personne.pk: inscription.personne for inscription in session.inscrites}
        personnes.update(facilitateurs)
        debut = session.debut.astimezone(datetime.UTC).isoformat()
        lien = lien_absolu(reverse("session", kwargs={"pk": session.pk}))
        for pk in sorted(personnes):
            personne = personnes[pk]
            if not personne.is_active:
                continue
            envois.append(Envoi(
                personne=personne, cle=f"session:{session.pk}:rappel:{debut}:{pk}",
                gabarit="accompagnement/emails/rappel_session",
                sujet=f"Rappel : « {session.titre} » {_quand(session.debut, maintenant)}",
                contexte={"session": session, "facilitateur": pk in facilitateurs},
                lien=lien, categorie=Notification.Categorie.RAPPEL_SESSION,
            ))
    return notifier_plusieurs(envois)


def _quand(debut: datetime.datetime, maintenant: datetime.datetime) -> str:
    """« aujourd'hui à 17 h 00 » or « demain à 9 h 30 », in Paris time."""
    local = timezone.localtime(debut)
    jour = "aujourd'hui" if local.date() == timezone.localdate(maintenant) else "demain"
    return f"{jour} à {local:%H} h {local:%M}"


@dataclass
class HeuresPromotion:
    """A parrain's month in one promotion: the total, the cap and the hours per défi."""

    promotion: Promotion
    minutes: int = 0
    defis: list[dict] = field(default_factory=list)

    @property
    def minutes_en_clair(self):
        return duree_en_clair(self.minutes)

    @property
    def plafond_en_clair(self):
        return duree_en_clair(plafond_minutes(self.promotion))


def _heures_par_parrain(premier: datetime.date, promotions: list[Promotion]) -> dict[int, dict[int, HeuresPromotion]]:
    """For each parrain and promotion, the month's hours per défi, from one query."""
    par_promotion = {promotion.pk: promotion for promotion in promotions}
    lignes = (
        HeureAcceleration.objects.filter(date__gte=premier, date__lt=mois_suivant(premier),
                                         defi__promotion__in=list(par_promotion))
        .values("parrain", "defi", "defi__titre", "defi__promotion")
        .annotate(minutes=Sum("duree_minutes")).order_by("parrain", "-minutes", "defi__titre")
    )
    resultat: dict[int, dict[int, HeuresPromotion]] = {}
    for ligne in lignes:
        bloc = resultat.setdefault(ligne["parrain"], {}).setdefault(
            ligne["defi__promotion"], HeuresPromotion(par_promotion[ligne["defi__promotion"]])
        )
        bloc.minutes += ligne["minutes"]
        bloc.defis.append({"titre": ligne["defi__titre"], "minutes_en_clair": duree_en_clair(ligne["minutes"])})
    return resultat


def _resume_parrains(premier: datetime.date, promotions: list[Promotion]) -> list[Envoi]:
    heures = _heures_par_parrain(premier, promotions)
    roles = (
        Role.objects.filter(type=Role.Type.PARRAIN, promotion__in=promotions, personne__is_active=True)
        .select_related("personne", "promotion").order_by("personne_id", "promotion__date_debut")
    )
    blocs: dict[int, list[HeuresPromotion]] = {}
    personnes: dict[int, Personne] = {}
    for role in roles:
        personnes[role.personne_id] = role.personne
        blocs.setdefault(role.personne_id, []).append(
            heures.get(role.personne_id, {}).get(role.promotion_id, HeuresPromotion(role.promotion))
        )
    lien = lien_absolu(f"{reverse('heures')}?mois={premier:%Y-%m}")
    return [
        Envoi(
            personne=personnes[pk], cle=f"heures:resume:{premier:%Y-%m}:parrain:{pk}",
            gabarit="accompagnement/emails/resume_heures_parrain",
            sujet=f"Vos heures d'accélération {de_mois(premier)}",
            contexte={"mois": premier, "blocs": blocs[pk],
                      "aucune": not any(b.minutes for b in blocs[pk])},
            lien=lien, categorie=Notification.Categorie.RESUME_HEURES,
        )
        for pk in sorted(personnes)
    ]


def _resume_coachs(premier: datetime.date, promotions: list[Promotion]) -> list[Envoi]:
    syntheses = {
        promotion.pk: {
            "promotion": promotion, "plafond_en_clair": duree_en_clair(plafond_minutes(promotion)),
            "par_parrain": consommation_par_parrain(premier, promotion),
            "par_defi": consommation_par_defi(premier, promotion),
        }
        for promotion in promotions
    }
    roles = (
        Role.objects.filter(Q(promotion__in=promotions) | Q(promotion__isnull=True), type=Role.Type.COACH,
                            personne__is_active=True)
        .select_related("personne")
    )
    suivies: dict[int, set[int]] = {}
    personnes: dict[int, Personne] = {}
    for role in roles:
        personnes[role.personne_id] = role.personne
        # A coach of the whole programme follows every running promotion.
        suivies.setdefault(role.personne_id, set()).update([role.promotion_id] if role.promotion_id else syntheses)
    envois = []
    for pk in sorted(personnes):
        blocs = [syntheses[promotion.pk] for promotion in promotions if promotion.pk in suivies[pk]]
        filtre = f"promotion={blocs[0]['promotion'].pk}&" if len(blocs) == 1 else ""
        envois.append(Envoi(
            personne=personnes[pk], cle=f"heures:resume:{premier:%Y-%m}:coach:{pk}",
            gabarit="accompagnement/emails/resume_heures_coach",
            sujet=f"Heures d'accélération {de_mois(premier)} : le récapitulatif",
            contexte={"mois": premier, "blocs": blocs},
            lien=lien_absolu(f"{reverse('heures_suivi')}?{filtre}mois={premier:%Y-%m}"),
            categorie=Notification.Categorie.RESUME_HEURES,
        ))
    return envois


@transaction.atomic
def resume_heures(maintenant: datetime.datetime | None = None) -> int:
    """Send the month just ended's heures d'accélération: to each parrain or marraine of a promotion running
    that month, their hours per défi against the cap; to each coach, per parrain and per défi. Returns how
    many new e-mails will leave."""
    premier = mois_precedent(timezone.localdate(maintenant or timezone.now()))
    promotions = list(promotions_en_cours(premier, mois_suivant(premier) - datetime.timedelta(days=1)))
    if not promotions:
        return 0
    return notifier_plusieurs(_resume_parrains(premier, promotions) + _resume_coachs(premier, promotions))
