"""Role names inside a sentence: lower case but acronyms kept, « que » elided before a vowel."""

from django.template import Context, Template

from programme.models import Role


def _rendu(gabarit: str, libelle: str) -> str:
    return Template("{% load roles %}" + gabarit).render(Context({"libelle": libelle}))


def test_un_role_dans_une_phrase_garde_son_sigle_et_elide_que():
    """« en tant qu'EIG », « en tant qu'intervenant ou intervenante », « en tant que coach », « vous y êtes EIG »."""
    assert _rendu("{{ libelle|en_tant_que }}", Role.Type.EIG.label) == "en tant qu&#x27;EIG"
    assert _rendu("{{ libelle|en_tant_que }}", Role.Type.INTERVENANT.label) == (
        "en tant qu&#x27;intervenant ou intervenante")
    assert _rendu("{{ libelle|en_tant_que }}", Role.Type.COACH.label) == "en tant que coach"
    assert _rendu("vous y êtes {{ libelle|en_phrase }}", Role.Type.EIG.label) == "vous y êtes EIG"
    assert _rendu("{{ libelle|en_phrase }}", Role.Type.PORTEUR.label) == "porteur ou porteuse de projet"
