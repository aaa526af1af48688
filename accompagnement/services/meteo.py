"""Writes of the météo entrepreneuriale: the fortnightly calendar of each promotion, the daily round (open and
invite, remind those who have not answered, close), an EIG's single answer and the alerts it raises for the
coaches, who mark them as handled.

The calendar is arithmetic on the promotion's anchor week, never an interval counted from the last round: a
missed day or a changed schedule cannot make the rounds drift.
"""

import datetime

from django.core import signing
from django.db import transaction
from django.db.models import Case, Count, DateTimeField, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from programme.dates import PARIS
from programme.models import Notification, Personne, Promotion, Role
from programme.nombres import en_lettres
from programme.notifications import Envoi, lien_absolu, notifier_plusieurs
from programme.selectors import coachs_de, promotions_en_cours

from ..models import AlerteMeteo, ReponseMeteo, VagueMeteo
from ..models.meteo import SEL_LIEN
from ..selectors.meteo import CHIFFRES

HEURE_OUVERTURE = datetime.time(12)
# The cadence: a round every this many weeks, counted from the promotion's anchor week.
SEMAINES_ENTRE_VAGUES = 2
RELANCE_AVANT_CLOTURE = datetime.timedelta(days=2)


class DejaRepondu(Exception):
    """The EIG already answered this round: a link works once."""


class VagueClose(Exception):
    """The round is closed: its links no longer open the form."""


def cadence_en_clair() -> str:
    """« toutes les deux semaines », as the pages, e-mails and schedule say the cadence."""
    if SEMAINES_ENTRE_VAGUES == 1:
        return "chaque semaine"
    return f"toutes les {en_lettres(SEMAINES_ENTRE_VAGUES)} semaines"


def _lundi(jour: datetime.date) -> datetime.date:
    return jour - datetime.timedelta(days=jour.weekday())


def semaine_de_reference(promotion: Promotion) -> datetime.date | None:
    """The Monday of the promotion's first round week: its anchor, else the week it starts; None without either."""
    jour = promotion.meteo_ancre or promotion.date_debut
    return _lundi(jour) if jour else None


def _dans_la_promotion(promotion: Promotion, jour: datetime.date) -> bool:
    return ((promotion.date_debut is None or promotion.date_debut <= jour)
            and (promotion.date_fin is None or jour <= promotion.date_fin))


def meteo_jour_de_vague(promotion: Promotion, jour: datetime.date) -> bool:
    """True when a round of the promotion opens on `jour`: its weekday, within its dates, a multiple of
    `SEMAINES_ENTRE_VAGUES` weeks after its anchor week."""
    reference = semaine_de_reference(promotion)
    if reference is None or jour.weekday() != promotion.meteo_jour or not _dans_la_promotion(promotion, jour):
        return False
    return ((_lundi(jour) - reference).days // 7) % SEMAINES_ENTRE_VAGUES == 0


def derniere_date_de_vague(promotion: Promotion, jour: datetime.date) -> datetime.date | None:
    """The latest round day of the promotion on or before `jour` (None when there is none yet)."""
    reference = semaine_de_reference(promotion)
    if reference is None:
        return None
    semaines = (_lundi(jour) - reference).days // 7
    candidate = reference + datetime.timedelta(weeks=semaines - semaines % SEMAINES_ENTRE_VAGUES,
                                               days=promotion.meteo_jour)
    while candidate > jour or (promotion.date_fin and candidate > promotion.date_fin):
        candidate -= datetime.timedelta(weeks=SEMAINES_ENTRE_VAGUES)
    return candidate if meteo_jour_de_vague(promotion, candidate) else None


def prochaine_date_de_vague(promotion: Promotion, jour: datetime.date) -> datetime.date | None:
    """The first round day of the promotion after `jour` (None when the promotion has no round left)."""
    reference = semaine_de_reference(promotion)
    if reference is None:
        return None
    candidate = max(derniere_date_de_vague(promotion, jour) or reference, reference + datetime.timedelta(
        days=promotion.meteo_jour))
    while candidate <= jour or not meteo_jour_de_vague(promotion, candidate):
        candidate += datetime.timedelta(weeks=SEMAINES_ENTRE_VAGUES)
        if promotion.date_fin and candidate > promotion.date_fin:
            return None
    return candidate


def vague_horaires(promotion: Promotion, jour: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """When the round of `jour` opens and closes: 12:00 in Paris that day and `meteo_duree_jours` days later,
    as aware datetimes in UTC (so 11:00 UTC in winter, 10:00 UTC in summer)."""
    fin = jour + datetime.timedelta(days=promotion.meteo_duree_jours)
    return tuple(
        datetime.datetime.combine(d, HEURE_OUVERTURE, tzinfo=PARIS).astimezone(datetime.UTC) for d in (jour, fin)
    )


def jeton_reponse(reponse: ReponseMeteo) -> str:
    """The signed token of an EIG's personal link to answer a round, carrying their response's id."""
    return signing.dumps(reponse.pk, salt=SEL_LIEN)


def _debut_des_liens() -> str:
    return lien_absolu(reverse("meteo_repondre_lien", args=["jeton"])).removesuffix("jeton/")


def lien_reponse(reponse: ReponseMeteo, debut: str | None = None) -> str:
    """The personal link of an invitation: it opens the form without a password. `debut` is the links' common
    start, computed once for a whole round."""
    return f"{debut or _debut_des_liens()}{jeton_reponse(reponse)}/"


def _eig_invitables(promotion: Promotion):
    return (Personne.objects.filter(roles__promotion=promotion, roles__type=Role.Type.EIG, is_active=True)
            .exclude(Q(email__isnull=True) | Q(email="")).distinct())


def _commun(vague: VagueMeteo) -> dict:
    """What every e-mail of a round shares, formatted once for thousands of EIG."""
    return {"debut": _debut_des_liens(), "contexte": {
        "vague": vague, "jour": date_format(vague.date, "j F Y"),
        "cloture": date_format(timezone.localtime(vague.fermee_le, PARIS), r"l j F à H\hi"),
    }}


def _envoi_invitation(reponse: ReponseMeteo, commun: dict) -> Envoi:
    return Envoi(
        personne=reponse.eig, cle=f"meteo:vague:{reponse.vague_id}:invitation:{reponse.eig_id}",
        gabarit="accompagnement/emails/meteo_invitation",
        sujet="Météo entrepreneuriale : comment allez-vous ?", contexte=commun["contexte"],
        lien=lien_reponse(reponse, commun["debut"]), categorie=Notification.Categorie.SERVICE,
    )


def _envoi_relance(reponse: ReponseMeteo, commun: dict) -> Envoi:
    return Envoi(
        personne=reponse.eig, cle=f"meteo:vague:{reponse.vague_id}:relance:{reponse.eig_id}",
        gabarit="accompagnement/emails/meteo_relance",
        sujet=f"Météo entrepreneuriale : vous pouvez encore répondre, jusqu'au {commun['contexte']['cloture']}",
        contexte=commun["contexte"],
        lien=lien_reponse(reponse, commun["debut"]), categorie=Notification.Categorie.RAPPEL_METEO,
    )


def _reponses_a_inviter(vague: VagueMeteo) -> list[ReponseMeteo]:
    """The round's unanswered responses of active EIG with their EIG, in one query whatever their number
    (`notifier_plusieurs` renders and inserts their e-mails by batches of bounded size)."""
    reponses = list(vague.reponses.filter(repondue_le__isnull=True, eig__is_active=True)
                    .select_related("eig").order_by("pk"))
    for reponse in reponses:
        reponse.vague = vague
    return reponses


@transaction.atomic
def vague_ouvrir(promotion: Promotion, jour: datetime.date) -> tuple[VagueMeteo, bool, int]:
    """Open the promotion's round of `jour` (once: unique per day) and invite each active EIG with an e-mail, each
    once; returns the round, whether it was opened now, and the number of invitations that will leave."""
    ouverte_le, fermee_le = vague_horaires(promotion, jour)
    vague, creee = VagueMeteo.objects.get_or_create(
        promotion=promotion, date=jour, defaults={"ouverte_le": ouverte_le, "fermee_le": fermee_le}
    )
    deja = set(vague.reponses.values_list("eig_id", flat=True))
    nouveaux = [pk for pk in _eig_invitables(promotion).values_list("pk", flat=True) if pk not in deja]
    ReponseMeteo.objects.bulk_create([ReponseMeteo(vague=vague, eig_id=pk) for pk in nouveaux], ignore_conflicts=True)
    commun = _commun(vague)
    # Every unanswered response, not only today's new ones: the keys already recorded send nothing again.
    envoyes = notifier_plusieurs([_envoi_invitation(reponse, commun) for reponse in _reponses_a_inviter(vague)])
    return vague, creee, envoyes


@transaction.atomic
def vague_relancer(vague: VagueMeteo, maintenant: datetime.datetime) -> int:
    """Remind, once, the EIG of the round who have not answered; returns how many reminders will leave."""
    # The conditional update is the lock: of two simultaneous runs, only one finds the round not yet reminded.
    if not VagueMeteo.objects.filter(pk=vague.pk, relancee_le__isnull=True).update(relancee_le=maintenant):
        return 0
    vague.relancee_le = maintenant
    commun = _commun(vague)
    return notifier_plusieurs([_envoi_relance(reponse, commun) for reponse in _reponses_a_inviter(vague)])


def _chevauche_une_autre(promotion: Promotion, jour: datetime.date, ouverte_le, fermee_le) -> bool:
    """True when another round of the promotion overlaps this one's window: after a coach moves the weekday or
    the anchor, the round due then is skipped rather than open beside the one still running."""
    return (VagueMeteo.objects.filter(promotion=promotion, ouverte_le__lt=fermee_le, fermee_le__gt=ouverte_le)
            .exclude(date=jour).exists())


def meteo_tour(maintenant: datetime.datetime | None = None) -> dict[str, int]:
    """The daily round of the météo (the task at noon): open and invite the rounds due, remind two days before
    closing those who have not answered, close the rounds whose time has come. Running it twice sends nothing
    twice. Returns what it did, for the logs."""
    maintenant = maintenant or timezone.now()
    jour = timezone.localtime(maintenant, PARIS).date()
    bilan = {"ouvertes": 0, "invitations": 0, "relances": 0, "cloturees": 0}
    for promotion in promotions_en_cours(jour):
        date = derniere_date_de_vague(promotion, jour)
        if date is None:
            continue
        ouverte_le, fermee_le = vague_horaires(promotion, date)
        # A round missed at noon (worker stopped) still opens later, while its window lasts.
        if ouverte_le <= maintenant < fermee_le and not _chevauche_une_autre(promotion, date, ouverte_le, fermee_le):
            _vague, creee, invitations = vague_ouvrir(promotion, date)
            bilan["ouvertes"] += creee
            bilan["invitations"] += invitations
    a_relancer = VagueMeteo.objects.filter(
        relancee_le__isnull=True, cloturee_le__isnull=True, fermee_le__gt=maintenant,
        fermee_le__lte=maintenant + RELANCE_AVANT_CLOTURE,
        # Not on the day it opened: a round of one or two days is not reminded the moment it opens.
        ouverte_le__lte=maintenant - datetime.timedelta(days=1),
    ).select_related("promotion")
    for vague in a_relancer:
        bilan["relances"] += vague_relancer(vague, maintenant)
    bilan["cloturees"] = vagues_cloturer(maintenant)
    return bilan


def _figes(maintenant: datetime.datetime) -> dict:
    """The update that freezes a round's figures (`selectors.meteo.CHIFFRES`) from its answers now — unless they
    are frozen already: a later change of the answers (an erased person) never moves them."""
    figes = {"figee_le": Coalesce(F("figee_le"), Value(maintenant, output_field=DateTimeField()))}
    for _nom, (agregat, champ, seulement_repondues, champ_fige) in CHIFFRES.items():
        reponses = ReponseMeteo.objects.filter(vague=OuterRef("pk"))
        if seulement_repondues:
            reponses = reponses.filter(repondue_le__isnull=False)
        valeur = Subquery(reponses.values("vague").annotate(valeur=agregat(champ)).values("valeur"))
        if agregat is Count:
            valeur = Coalesce(valeur, 0)
        figes[champ_fige] = Case(When(figee_le__isnull=True, then=valeur), default=F(champ_fige),
                                 output_field=VagueMeteo._meta.get_field(champ_fige))
    return figes


def vagues_figer(vagues, maintenant: datetime.datetime | None = None) -> int:
    """Freeze the figures of closed `vagues` (a queryset), those not frozen yet, in one query (the demo's rounds,
    the rounds of an erased person)."""
    return vagues.update(**_figes(maintenant or timezone.now()))


def vagues_cloturer(maintenant: datetime.datetime) -> int:
    """Close the rounds whose time has come and freeze their figures, in one query; returns how many were closed
    now (none twice, even when two runs meet)."""
    return VagueMeteo.objects.filter(cloturee_le__isnull=True, fermee_le__lte=maintenant).update(
        cloturee_le=maintenant, **_figes(maintenant))


@transaction.atomic
def reponses_anonymiser(personne, maintenant: datetime.datetime | None = None) -> int:
    """Detach an erased person's météo from them: the rounds already closed are frozen first; their answered
    levels stay in their rounds with nobody behind them (texts blanked, alerts removed), their invitations to rounds
    still open are withdrawn. Returns how many answers stay, anonymous."""
    maintenant = maintenant or timezone.now()
    siennes = ReponseMeteo.objects.filter(eig=personne)
    vagues_figer(VagueMeteo.objects.filter(pk__in=siennes.filter(vague__fermee_le__lte=maintenant).values("vague")),
                 maintenant)
    AlerteMeteo.objects.filter(reponse__in=siennes).delete()
    siennes.filter(repondue_le__isnull=True, vague__fermee_le__gt=maintenant).delete()
    return siennes.update(eig=None, reussites="", difficultes="", souhaite_echanger=False)


def vague_est_close(vague: VagueMeteo, maintenant: datetime.datetime | None = None) -> bool:
    """True once the round's closing time has passed (whether or not the daily task has recorded it)."""
    return vague.cloturee_le is not None or (maintenant or timezone.now()) >= vague.fermee_le


def _motifs(reponse: ReponseMeteo) -> list[str]:
    motifs = []
    precedente = (ReponseMeteo.objects.filter(eig_id=reponse.eig_id, repondue_le__isnull=False,
                                              vague__date__lt=reponse.vague.date)
                  .order_by("-vague__date").values_list("meteo", flat=True).first())
    if precedente is not None and precedente - reponse.meteo >= 2:
        motifs.append(AlerteMeteo.Motif.BAISSE)
    if reponse.meteo == ReponseMeteo.Niveau.ORAGE:
        motifs.append(AlerteMeteo.Motif.PLUS_BAS)
    if reponse.souhaite_echanger:
        motifs.append(AlerteMeteo.Motif.ECHANGE)
    return motifs


def _alertes_lever(reponse: ReponseMeteo) -> list[AlerteMeteo]:
    alertes = [AlerteMeteo.objects.create(reponse=reponse, motif=motif) for motif in _motifs(reponse)]
    if not alertes:
        return alertes
    lien = lien_absolu(reverse("meteo_eig", args=[reponse.eig_id]))
    notifier_plusieurs([
        Envoi(personne=coach, cle=f"meteo:alerte:{alerte.pk}:coach:{coach.pk}",
              gabarit="accompagnement/emails/meteo_alerte",
              sujet=f"Météo : {alerte.get_motif_display().lower()} — {reponse.eig.nom_complet}",
              contexte={"alerte": alerte, "eig": reponse.eig, "vague": reponse.vague}, lien=lien,
              categorie=Notification.Categorie.SERVICE)
        for alerte in alertes for coach in coachs_de(reponse.vague.promotion)
    ])
    return alertes


@transaction.atomic
def meteo_repondre(reponse: ReponseMeteo, *, meteo: int, vie_equipe: int, epanouissement: int, reussites="",
                   difficultes="", souhaite_echanger=False, maintenant=None) -> list[AlerteMeteo]:
    """Record an EIG's answer to a round, once, while the round is open, and raise the alerts it calls for
    (a drop of two levels or more since their previous answer, the lowest level, a request to talk), each
    e-mailed to the promotion's coaches. Returns the alerts raised.

    Raises DejaRepondu when the response was already given, VagueClose after the round closed."""
    maintenant = maintenant or timezone.now()
    if vague_est_close(reponse.vague, maintenant):
        raise VagueClose("Cette météo est close.")
    champs = {"meteo": meteo, "vie_equipe": vie_equipe, "epanouissement": epanouissement,
              "reussites": reussites.strip(), "difficultes": difficultes.strip(),
              "souhaite_echanger": souhaite_echanger, "repondue_le": maintenant}
    # Only an unanswered response is written: of two simultaneous posts of the same link, one wins.
    if not ReponseMeteo.objects.filter(pk=reponse.pk, repondue_le__isnull=True).update(**champs):
        raise DejaRepondu("Vous avez déjà répondu à cette météo.")
    for champ, valeur in champs.items():
        setattr(reponse, champ, valeur)
    return _alertes_lever(reponse)


def alerte_traiter(alerte: AlerteMeteo, par, maintenant=None) -> bool:
    """A coach marks an alert as handled; True when it was open (the first coach and time are kept)."""
    maintenant = maintenant or timezone.now()
    if not AlerteMeteo.objects.filter(pk=alerte.pk, traitee_le__isnull=True).update(traitee_le=maintenant,
                                                                                    traitee_par=par):
        return False
    alerte.traitee_le, alerte.traitee_par = maintenant, par
    return True
