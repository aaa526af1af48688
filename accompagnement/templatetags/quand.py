"""When a session takes place, as the lists and the groups show it (`sessions/_quand.html`): `{{ session|quand }}`
gives « jeu 5 mars 2026 » then the hours, or the end's day and hour when it ends another day. Written in Python:
the coaches' preview of a 300-EIG promotion shows a hundred groups with their session, and the same five `date`
filters in a template took 16 ms there."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

register = template.Library()
HEURE = "G \\h i"


@register.filter
def quand(session) -> str:
    debut, fin = timezone.localtime(session.debut), timezone.localtime(session.fin)
    jour, heure = date_format(debut, "D j F Y"), date_format(debut, HEURE)
    if debut.date() == fin.date():
        return format_html("{}<br>{} – {}", jour, heure, date_format(fin, HEURE))
    return format_html("{}<br>{}, jusqu'au {}", jour, heure, date_format(fin, "D j F, " + HEURE))
