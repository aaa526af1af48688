"""Writes of the comité reminders, run each morning by `evaluations.rappels_comites`.

Three reminders, each recorded under a unique key (programme.notifications) so that a run repeated the same
day — or a task delivered twice — sends nothing twice:
- the support due, to the défi's team (EIG and porteurs, who write it), at J-14, J-7, J-2 and on the deadline
  day, until it is submitted; a day missed (beat stopped) sends the latest step reached, once;
- the comité itself, the day before, to its participants and coaches (or on the morning itself when the
  reminder could not leave the day before and the comité is still to come);
- the rapport still unpublished 7 days after the comité, to the comité's coaches (the promotion's coaches
  when it has none), once.
Days are Paris calendar days, so a daylight-saving change never shifts a reminder by a day. A comité whose
session is still a draft of the planned calendar (not announced yet) sends none of the first two.
"""

import datetime

from django.db import transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accompagnement.models import Inscription, Session
from defis.models import MembreEquipe
from programme.dates import PARIS
from programme.models import Notification, Personne, Role
from programme.notifications import Envoi, lien_absolu, notifier_plusieurs

from ..models import Comite, Rapport, Support

# Days before the deadline, and the name of the step in the key.
ETAPES_SUPPORT = [(14, "J-14"), (7, "J-7"), (2, "J-2"), (0, "J0")]
RAPPORT_DELAI_JOURS = 7
# A rapport forgotten longer than this is followed in the coaches' board, no longer by e-mail.
RAPPORT_RATTRAPAGE_JOURS = 30


def jour_paris(instant: datetime.datetime) -> datetime.date:
    """The calendar day in Paris of an aware instant."""
    return instant.astimezone(PARIS).date()


def debut_du_jour(jour: datetime.date) -> datetime.datetime:
    """Midnight in Paris at the start of `jour`, as an aware instant."""
    return datetime.datetime.combine(jour, datetime.time.min, tzinfo=PARIS)


def etape_support(jours_restants: int) -> str | None:
    """The latest step reached `jours_restants` days before the deadline (None before J-14 or after the day)."""
    atteintes = [nom for jours, nom in ETAPES_SUPPORT if jours >= jours_restants >= 0]
    return atteintes[-1] if atteintes else None


def quand_en_clair(jours: int) -> str:
    """« aujourd'hui », « demain », « dans 7 jours »."""
    return {0: "aujourd'hui", 1: "demain"}.get(jours, f"dans {jours} jours")


def _lien(nom_url: str, comite: Comite) -> str:
    return lien_absolu(reverse(nom_url, kwargs={"slug": comite.defi.slug, "numero": comite.phase.numero}))


def _en_clair(comite: Comite) -> dict:
    """The comité's dates as the e-mails write them, formatted once for all its recipients."""
    debut = timezone.localtime(comite.debut, PARIS)
    dates = {"jour_comite": date_format(debut, "l j F Y"), "heure_debut": date_format(debut, r"G \h i"),
             "heure_fin": date_format(timezone.localtime(comite.fin, PARIS), r"G \h i")}
    if comite.echeance_support:
        dates["echeance_le"] = date_format(timezone.localtime(comite.echeance_support, PARIS), r"l j F Y à G \h i")
    return dates


def _actives(personnes) -> list[Personne]:
    """Active people, each once, in a stable order."""
    uniques = {personne.pk: personne for personne in personnes if personne.is_active}
    return [uniques[pk] for pk in sorted(uniques)]


def _supports_envois(aujourd_hui: datetime.date) -> list[Envoi]:
    comites = list(
        Comite.objects.filter(
            echeance_support__gte=debut_du_jour(aujourd_hui),
            echeance_support__lt=debut_du_jour(aujourd_hui + datetime.timedelta(days=ETAPES_SUPPORT[0][0] + 1)),
        )
        .exclude(support__statut=Support.Statut.SOUMIS)
        .exclude(session__statut=Session.Statut.BROUILLON)
        .select_related("defi", "phase")
    )
    equipes: dict[int, list[Personne]] = {}
    for membre in MembreEquipe.objects.filter(
        defi__in={comite.defi_id for comite in comites},
        role__in=[MembreEquipe.Role.EIG, MembreEquipe.Role.PORTEUR],
    ).select_related("personne"):
        equipes.setdefault(membre.defi_id, []).append(membre.personne)
    envois = []
    for comite in comites:
        jours_restants = (jour_paris(comite.echeance_support) - aujourd_hui).days
        etape = etape_support(jours_restants)
        if etape is None:
            continue
        contexte = {"comite": comite, "defi": comite.defi, "quand": quand_en_clair(jours_restants),
                    **_en_clair(comite)}
        sujet = f"Support du comité d'évaluation attendu {contexte['quand']} : {comite.defi.titre}"
        lien = _lien("support", comite)
        for personne in _actives(equipes.get(comite.defi_id, [])):
            envois.append(Envoi(
                personne=personne, cle=f"support:{comite.pk}:rappel:{etape}:{personne.pk}",
                gabarit="evaluations/emails/rappel_support", sujet=sujet,
                contexte=contexte, lien=lien, categorie=Notification.Categorie.RAPPEL_COMITE,
            ))
    return envois


def participants_du_comite(comite: Comite) -> list[Personne]:
    """Who attends a comité: the people registered to its session and its facilitators; without a session,
    its participants and coaches. Reads what `_comites_veille` prefetched."""
    if comite.session is not None:
        personnes = [inscription.personne for inscription in comite.session.inscriptions_rappel]
        personnes += list(comite.session.facilitateurs.all())
    else:
        personnes = list(comite.participants.all()) + list(comite.coachs.all())
    return _actives(personnes)


def _comites_veille(maintenant: datetime.datetime) -> list[Comite]:
    demain = jour_paris(maintenant) + datetime.timedelta(days=1)
    return list(
        Comite.objects.filter(debut__gt=maintenant, debut__lt=debut_du_jour(demain + datetime.timedelta(days=1)))
        .exclude(session__statut=Session.Statut.BROUILLON)
        .select_related("defi", "phase", "session")
        .prefetch_related(
            "participants", "coachs", "session__facilitateurs",
            Prefetch(
                "session__inscriptions", to_attr="inscriptions_rappel",
                queryset=Inscription.objects.filter(statut=Inscription.Statut.INSCRITE).select_related("personne"),
            ),
        )
    )


def _comites_envois(maintenant: datetime.datetime) -> list[Envoi]:
    aujourd_hui = jour_paris(maintenant)
    envois = []
    for comite in _comites_veille(maintenant):
        jour = jour_paris(comite.debut)
        contexte = {"comite": comite, "defi": comite.defi, "quand": quand_en_clair((jour - aujourd_hui).days),
                    **_en_clair(comite)}
        lien = lien_absolu(comite.get_absolute_url())
        for personne in participants_du_comite(comite):
            envois.append(Envoi(
                personne=personne, cle=f"comite:{comite.pk}:veille:{jour.isoformat()}:{personne.pk}",
                gabarit="evaluations/emails/rappel_comite",
                sujet=f"Comité d'évaluation {contexte['quand']} : {comite.defi.titre}",
                contexte=contexte, lien=lien,
                categorie=Notification.Categorie.RAPPEL_COMITE,
            ))
    return envois


def _coachs_par_promotion(promotions: set[int]) -> dict[int | None, list[Personne]]:
    """The coaches of each promotion; under None, those of the whole programme."""
    coachs: dict[int | None, list[Personne]] = {}
    roles = Role.objects.filter(Q(promotion__in=promotions) | Q(promotion__isnull=True), type=Role.Type.COACH)
    for role in roles.select_related("personne"):
        coachs.setdefault(role.promotion_id, []).append(role.personne)
    return coachs


def _rapports_envois(aujourd_hui: datetime.date) -> list[Envoi]:
    limite = debut_du_jour(aujourd_hui - datetime.timedelta(days=RAPPORT_DELAI_JOURS - 1))
    comites = list(
        Comite.objects.filter(
            debut__lt=limite,
            debut__gte=debut_du_jour(aujourd_hui - datetime.timedelta(days=RAPPORT_RATTRAPAGE_JOURS)),
        )
        .exclude(rapport__statut=Rapport.Statut.PUBLIE)
        .select_related("defi", "phase").prefetch_related("coachs")
    )
    coachs_promotion = _coachs_par_promotion({comite.defi.promotion_id for comite in comites})
    envois = []
    for comite in comites:
        coachs = list(comite.coachs.all()) or (
            coachs_promotion.get(comite.defi.promotion_id, []) + coachs_promotion.get(None, [])
        )
        contexte = {"comite": comite, "defi": comite.defi, "jours": (aujourd_hui - jour_paris(comite.debut)).days,
                    **_en_clair(comite)}
        lien = _lien("rapport", comite)
        for personne in _actives(coachs):
            envois.append(Envoi(
                personne=personne, cle=f"rapport:{comite.pk}:a_publier:{personne.pk}",
                gabarit="evaluations/emails/rappel_rapport",
                sujet=f"Rapport d'évaluation à publier : {comite.defi.titre}, phase {comite.phase.numero}",
                contexte=contexte, lien=lien, categorie=Notification.Categorie.SERVICE,
            ))
    return envois


@transaction.atomic
def rappels_comites(maintenant: datetime.datetime | None = None) -> int:
    """Record this morning's comité reminders (supports due, comités of tomorrow, rapports to publish) and
    send them after the commit; returns how many new e-mails will leave."""
    maintenant = maintenant or timezone.now()
    aujourd_hui = jour_paris(maintenant)
    envois = _supports_envois(aujourd_hui) + _comites_envois(maintenant) + _rapports_envois(aujourd_hui)
    return notifier_plusieurs(envois)
