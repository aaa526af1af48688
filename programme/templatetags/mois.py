"""Months in templates, as programme.dates writes them: `{{ jour|de_mois }}` gives « de mars 2026 » or
« d'octobre 2026 », `{{ jour|de_mois:False }}` the same without the year."""

from django import template

from programme import dates

register = template.Library()


@register.filter
def de_mois(jour, annee=True) -> str:
    """The month of a date after « de », elided before a vowel; empty for no date."""
    return dates.de_mois(jour, annee=bool(annee)) if jour else ""
