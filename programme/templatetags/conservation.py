"""`{% if promotion|documents_supprimes %}` and `{{ promotion|documents_conserves_jusqu_au|date }}`: whether a
promotion's uploaded documents were removed at the end of their retention, and until when they are kept."""

from django import template

from programme import conservation

register = template.Library()


@register.filter
def documents_supprimes(promotion) -> bool:
    return conservation.documents_supprimes(promotion)


@register.filter
def documents_conserves_jusqu_au(promotion):
    return conservation.documents_conserves_jusqu_au(promotion)
