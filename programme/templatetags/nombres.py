"""`{{ nombre|en_lettres }}`: a number from a constant, written in French words (« quatre »)."""

from django import template

from programme import nombres

register = template.Library()


@register.filter
def en_lettres(nombre) -> str:
    return nombres.en_lettres(int(nombre))
