"""The admin's date hierarchy, kept to the dates Magellan accepts: a year, month or day in the address that the
list could not compute (year 99999999999, month 13, 31 February) is dropped with a message, the list answers."""

import datetime

from django.contrib import messages

from .dates import fenetre_absolue

PARTIES = ("year", "month", "day")


def _date_lisible(annee, mois, jour) -> bool:
    """Whether the hierarchy's parts make a date within the accepted years (month and day default to 1)."""
    if annee is None:
        return mois is None and jour is None
    if not all(partie is None or partie.isdigit() for partie in (annee, mois, jour)):
        return False
    absolue = fenetre_absolue()
    if not absolue.debut.year <= int(annee) <= absolue.fin.year:
        return False
    try:
        datetime.date(int(annee), int(mois or 1), int(jour or 1))
    except ValueError:
        return False
    return True


class DateHierarchieBornee:
    """For a ModelAdmin with `date_hierarchy`: drop its parameters when they do not make a date in bounds."""

    def changelist_view(self, request, extra_context=None):
        if self.date_hierarchy:
            noms = [f"{self.date_hierarchy}__{partie}" for partie in PARTIES]
            if not _date_lisible(*(request.GET.get(nom) for nom in noms)):
                request.GET = request.GET.copy()
                for nom in noms:
                    request.GET.pop(nom, None)
                messages.warning(request, "La date demandée n'est pas valide ou sort des dates acceptées : "
                                          "toutes les dates sont affichées.")
        return super().changelist_view(request, extra_context)
