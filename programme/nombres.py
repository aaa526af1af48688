"""Numbers written as French sentences say them: « quatre séances », « deux jours », « trois semaines »."""

LETTRES = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
           "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf", "vingt"]


def en_lettres(nombre: int) -> str:
    """« quatre » for 4, up to twenty; larger numbers stay in digits, as French typography allows."""
    return LETTRES[nombre] if 0 <= nombre < len(LETTRES) else str(nombre)
