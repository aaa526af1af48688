"""Working days in France: the public holidays, and the last working day of a period."""

import datetime


def _paques(annee: int) -> datetime.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = annee % 19, annee // 100, annee % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    mois = (h + ell - 7 * m + 114) // 31
    jour = (h + ell - 7 * m + 114) % 31 + 1
    return datetime.date(annee, mois, jour)


def jours_feries(annee: int) -> set[datetime.date]:
    """The eleven public holidays of metropolitan France in `annee`."""
    paques = _paques(annee)
    return {
        datetime.date(annee, 1, 1), datetime.date(annee, 5, 1), datetime.date(annee, 5, 8),
        datetime.date(annee, 7, 14), datetime.date(annee, 8, 15), datetime.date(annee, 11, 1),
        datetime.date(annee, 11, 11), datetime.date(annee, 12, 25),
        paques + datetime.timedelta(days=1), paques + datetime.timedelta(days=39),
        paques + datetime.timedelta(days=50),
    }


def est_ouvre(jour: datetime.date) -> bool:
    return jour.weekday() < 5 and jour not in jours_feries(jour.year)


def dernier_jour_ouvre(jusqu_au: datetime.date) -> datetime.date:
    """The last working day on or before `jusqu_au`."""
    jour = jusqu_au
    while not est_ouvre(jour):
        jour -= datetime.timedelta(days=1)
    return jour
