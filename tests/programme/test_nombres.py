"""Numbers from constants, written in French words in pages and e-mails."""

from django.template import Context, Template

from programme.nombres import en_lettres


def test_les_petits_nombres_s_ecrivent_en_lettres_les_grands_en_chiffres():
    """4 reads « quatre », 17 « dix-sept »; past twenty, digits."""
    assert [en_lettres(n) for n in (2, 4, 17, 20, 21)] == ["deux", "quatre", "dix-sept", "vingt", "21"]


def test_le_filtre_en_lettres_ecrit_le_nombre_d_une_constante():
    """`{{ nombre|en_lettres }}` in a template."""
    assert Template("{% load nombres %}{{ n|en_lettres }} séances").render(Context({"n": 3})) == "trois séances"
