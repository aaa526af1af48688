"""Bounds of the dates people type, for every app: sessions and mentorat slots stay within their promotion
(give or take its preparation), comités and heures d'accélération within the promotion's own dates (hours never
ahead), months asked in an address within the years Magellan knows.

Months, for every app: their first day (the key of a month's rows), the next and previous ones, their French
names as pages and e-mails write them (« mars 2026 », « de mars 2026 », « d'octobre 2026 »), and the month an
address asks for (`?mois=AAAA-MM`, read by `mois_lu`).

A value out of bounds is refused with a French message naming the accepted dates, before any arithmetic on it
(a year 1 or 9999 overflows as soon as a day is added or the time is shown in Paris).
"""

import datetime
import zoneinfo
from typing import NamedTuple

from dateutil.relativedelta import relativedelta
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

# The programme's time zone, the one of the settings: every date people read or type is in Paris time.
PARIS = zoneinfo.ZoneInfo(settings.TIME_ZONE)
# Before the programme's first promotion (2017): nothing Magellan holds is older than this.
DEBUT_ABSOLU = datetime.date(2015, 1, 1)
# How far ahead anything may be planned.
HORIZON = relativedelta(years=5)
# Before a promotion starts and after it ends: recruitment and welcome, then the closing events.
MARGE_PREPARATION = relativedelta(months=4)
FORMAT_MOIS = "%Y-%m"
NOMS_DES_MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                 "novembre", "décembre")


class Fenetre(NamedTuple):
    """The first and last accepted days, and what they are, as the error message says it."""

    debut: datetime.date
    fin: datetime.date
    motif: str

    def contient(self, jour: datetime.date) -> bool:
        return self.debut <= jour <= self.fin


def fenetre_absolue() -> Fenetre:
    """From the programme's beginnings to five years ahead: the dates Magellan accepts at all."""
    return Fenetre(DEBUT_ABSOLU, timezone.localdate() + HORIZON, "les dates que Magellan accepte")


def fenetre_promotion(promotion) -> Fenetre:
    """The promotion's dates widened by its preparation, within the absolute window; the absolute window for a
    promotion without dates (or no promotion)."""
    absolue = fenetre_absolue()
    if promotion is None or not promotion.date_debut or not promotion.date_fin:
        return absolue
    # Compared before the margin is applied: a promotion stored at year 1 or 9999 cannot take it.
    debut = (absolue.debut if promotion.date_debut <= absolue.debut + MARGE_PREPARATION
             else promotion.date_debut - MARGE_PREPARATION)
    fin = (absolue.fin if promotion.date_fin >= absolue.fin - MARGE_PREPARATION
           else promotion.date_fin + MARGE_PREPARATION)
    return Fenetre(debut, fin, f"« {promotion} », préparation et clôture comprises")


def fenetre_comites(promotion) -> Fenetre:
    """Comités d'évaluation: within the promotion's own dates, since each closes one of its phases (no margin
    after the end); the promotion's window for a promotion without dates."""
    if promotion is None or not promotion.date_debut or not promotion.date_fin:
        return fenetre_promotion(promotion)
    return Fenetre(promotion.date_debut, promotion.date_fin,
                   f"les dates de « {promotion} » : un comité clôt l'une de ses phases")


def fenetre_des_promotions(promotions) -> Fenetre:
    """From the first to the last of these promotions' windows (a mentor's promotions); the absolute window
    when none is dated."""
    fenetres = [fenetre_promotion(p) for p in promotions if p.date_debut and p.date_fin]
    if not fenetres:
        return fenetre_absolue()
    return Fenetre(min(f.debut for f in fenetres), max(f.fin for f in fenetres), "vos promotions")


def fenetre_heures(promotion) -> Fenetre:
    """Heures d'accélération: within the promotion's own dates, and never after today."""
    aujourd_hui = timezone.localdate()
    if promotion is None or not promotion.date_debut:
        return Fenetre(DEBUT_ABSOLU, aujourd_hui, "les dates que Magellan accepte")
    fin = min(promotion.date_fin, aujourd_hui) if promotion.date_fin else aujourd_hui
    return Fenetre(promotion.date_debut, fin, f"les dates de « {promotion} », jusqu'à aujourd'hui")


def jour_de(valeur: datetime.date | datetime.datetime) -> datetime.date | None:
    """The day of a date, or of a moment in Paris time; None when Paris time cannot even show it."""
    if not isinstance(valeur, datetime.datetime):
        return valeur
    try:
        return timezone.localtime(valeur).date() if timezone.is_aware(valeur) else valeur.date()
    except OverflowError:
        return None


def message_hors_fenetre(fenetre: Fenetre) -> str:
    if fenetre.debut > fenetre.fin:
        # Hours of a promotion that has not started yet: no day fits, the first one to come is named.
        return (f"Aucune date ne convient encore ({fenetre.motif}) : "
                f"la première possible sera le {fenetre.debut:%d/%m/%Y}.")
    return (f"Choisissez une date entre le {fenetre.debut:%d/%m/%Y} et le {fenetre.fin:%d/%m/%Y} "
            f"({fenetre.motif}).")


def verifier_date(valeur, fenetre: Fenetre, champ: str | None = None) -> None:
    """Raise the French error (on `champ` when given) if `valeur`, a date or a moment, is outside `fenetre`."""
    jour = jour_de(valeur)
    if jour is None or not fenetre.contient(jour):
        message = message_hors_fenetre(fenetre)
        raise ValidationError({champ: message} if champ else message)


def dates_verifier(objet, champs: list[str], fenetre: Fenetre | None = None) -> None:
    """Raise, field by field, the French error of each of `objet`'s `champs` outside `fenetre` (the absolute
    window by default): a promotion's or a phase's own dates."""
    fenetre = fenetre or fenetre_absolue()
    erreurs = {}
    for champ in champs:
        valeur = getattr(objet, champ)
        if valeur is not None:
            try:
                verifier_date(valeur, fenetre, champ)
            except ValidationError as erreur:
                erreurs.update(erreur.message_dict)
    if erreurs:
        raise ValidationError(erreurs)


def moments_lisibles(debut: str = "debut", fin: str = "fin") -> Q:
    """Rows whose start and end lie within the absolute window: a row stored out of bounds before they held
    (year 1, year 9999) is left out of the pages rather than breaking them."""
    absolue = fenetre_absolue()
    premier = timezone.make_aware(datetime.datetime.combine(absolue.debut, datetime.time.min))
    dernier = timezone.make_aware(datetime.datetime.combine(absolue.fin, datetime.time.max))
    return Q(**{f"{debut}__gte": premier, f"{fin}__lte": dernier})


def premier_du_mois(jour: datetime.date | None = None) -> datetime.date:
    """The first day of the month of `jour` (today in Paris by default): the key of a month's rows."""
    return (jour or timezone.localdate()).replace(day=1)


def mois_suivant(jour: datetime.date) -> datetime.date:
    """The first day of the month after the one of `jour`."""
    return premier_du_mois(jour) + relativedelta(months=1)


def mois_precedent(jour: datetime.date) -> datetime.date:
    """The first day of the month before the one of `jour`."""
    return premier_du_mois(jour) - relativedelta(months=1)


def mois_en_clair(jour: datetime.date, annee: bool = True) -> str:
    """« mars 2026 » (« mars » without the year): the month of `jour` as people write it."""
    nom = NOMS_DES_MOIS[jour.month - 1]
    return f"{nom} {jour.year}" if annee else nom


def de_mois(jour: datetime.date, annee: bool = True) -> str:
    """« de mars 2026 », « d'avril 2026 », « d'août », « d'octobre »: the month after « de », elided before a
    vowel as French wants it. The template filter `de_mois` (`{% load mois %}`) says the same."""
    nom = mois_en_clair(jour, annee)
    return f"d'{nom}" if nom[0] in "aeiouyéè" else f"de {nom}"


def mois_lu(valeur) -> datetime.date | None:
    """The first day of the month « AAAA-MM » (a `?mois=` parameter), when it lies in the absolute window; None
    otherwise (absent, malformed, out of bounds), so that the page shows its default month instead."""
    try:
        premier = datetime.datetime.strptime(str(valeur or ""), FORMAT_MOIS).date()
    except ValueError:
        return None
    absolue = fenetre_absolue()
    return premier if absolue.debut <= premier <= absolue.fin else None


class ChampMois(forms.DateField):
    """A month « AAAA-MM » (the browser's month picker), within the years Magellan knows."""

    widget = forms.DateInput(attrs={"type": "month"}, format=FORMAT_MOIS)

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Au format AAAA-MM, par exemple 2027-03.")
        super().__init__(input_formats=[FORMAT_MOIS], **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return premier_du_mois(value)
        premier = mois_lu(value)
        if premier is None:
            absolue = fenetre_absolue()
            raise ValidationError(f"Indiquez un mois au format AAAA-MM, entre {absolue.debut:%Y-%m} et "
                                  f"{absolue.fin:%Y-%m}.", code="invalid")
        return premier
