from django import template

from proconnect.client import proconnect_actif as _proconnect_actif

register = template.Library()


@register.simple_tag
def proconnect_actif() -> bool:
    """Whether the login page offers ProConnect (only when Magellan is registered with it)."""
    return _proconnect_actif()
