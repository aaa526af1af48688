"""What an import did, for the command's summary: counts per kind and state, files not imported, warnings."""

from collections import Counter
from dataclasses import dataclass, field

SORTES = (
    "promotions", "administrations", "thèmes", "métiers", "défis", "réalisations", "personnes", "rôles",
    "membres d'équipe",
)
CREE, MIS_A_JOUR, INCHANGE = "créés", "mis à jour", "inchangés"


@dataclass
class Bilan:
    """What an import did: counts per kind and state, files not imported, warnings."""

    compteurs: dict = field(default_factory=lambda: {sorte: Counter() for sorte in SORTES})
    non_importes: list = field(default_factory=list)
    avertissements: list = field(default_factory=list)

    def total(self, etat):
        return sum(compteur[etat] for compteur in self.compteurs.values())


@dataclass
class _Fichier:
    """What one file's import did, kept apart until its transaction commits."""

    nom: str
    notes: list = field(default_factory=list)
    avertissements: list = field(default_factory=list)

    def noter(self, sorte, etat, cle=None):
        self.notes.append((sorte, etat, cle))

    def avertir(self, message):
        self.avertissements.append(f"{self.nom} : {message}")
