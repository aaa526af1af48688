"""`{% menu_du_visiteur as menu %}`: the navigation of `magellan.menu` as the visitor of the page sees it."""

from django import template

from magellan import menu

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_du_visiteur(context):
    """The visitor's sections by key (`menu.mon_espace`, `menu.piloter`); `menu.values` in their order."""
    return menu.menu_du_visiteur(context["request"])
