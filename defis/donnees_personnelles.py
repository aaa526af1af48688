"""What the défis hold about a person (« Mes données », see `programme.donnees_personnelles`): their teams."""

from programme.donnees_personnelles import Fichier, ligne

from .models import MembreEquipe


def donnees_de(personne) -> dict[str, list[dict]]:
    """The défis whose team the person is on, and as what."""
    return {
        "equipes": [ligne(membre, "defi", "role", promotion=str(membre.defi.promotion or ""))
                    for membre in MembreEquipe.objects.filter(personne=personne).select_related("defi__promotion")],
    }


def fichiers_de(personne) -> list[Fichier]:
    """The défis keep no file a person uploaded."""
    return []
