"""What the ProConnect link holds about a person (« Mes données », see `programme.donnees_personnelles`)."""

from programme.donnees_personnelles import Fichier, ligne

from .models import LienProConnect


def donnees_de(personne) -> dict[str, list[dict]]:
    """The person's ProConnect identity, when they logged in with it."""
    return {"proconnect": [ligne(lien, "sub", "lie_le") for lien in LienProConnect.objects.filter(personne=personne)]}


def fichiers_de(personne) -> list[Fichier]:
    """No file."""
    return []
