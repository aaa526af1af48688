"""What magellan itself holds about a person, for « Mes données »: their acknowledgements of the charter and the
actions their arrival path noted (welcome page opened, calendar feed read)."""

from programme.donnees_personnelles import Fichier, ligne

from .models import JalonArrivee, PriseDeConnaissance


def donnees_de(personne) -> dict[str, list[dict]]:
    prises = PriseDeConnaissance.objects.filter(personne=personne).select_related("version", "promotion")
    return {
        "charte": [ligne(prise, "le", version=prise.version.numero,
                         promotion=str(prise.promotion) if prise.promotion else None) for prise in prises],
        "parcours_arrivee": [ligne(jalon, "quoi", "le") for jalon in JalonArrivee.objects.filter(personne=personne)],
    }


def fichiers_de(personne) -> list[Fichier]:
    """No file."""
    return []
