"""Role names inside a sentence: `{{ libelle|en_phrase }}` lowers the case of words but keeps acronyms (« EIG »),
`{{ libelle|en_tant_que }}` also elides (« en tant qu'EIG », « en tant que coach »)."""

from django import template

register = template.Library()


@register.filter
def en_phrase(libelle) -> str:
    """« Porteur ou porteuse de projet » → « porteur ou porteuse de projet »; « EIG » stays « EIG »."""
    return " ".join(mot if mot.isupper() else mot.lower() for mot in str(libelle).split(" "))


@register.filter
def en_tant_que(libelle) -> str:
    """« en tant qu'EIG », « en tant qu'intervenant ou intervenante », « en tant que sponsor »."""
    role = en_phrase(libelle)
    return f"en tant qu'{role}" if role[:1].lower() in "aeiouyéèêà" else f"en tant que {role}"
