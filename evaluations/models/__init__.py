"""The evaluations' models: comités, the supports the teams prepare, the rapports the coaches write."""

from .comites import Comite
from .rapports import AtteinteObjectif, Rapport
from .reglages import ReglagesEvaluation
from .supports import Objectif, PieceJointe, Support

__all__ = [
    "AtteinteObjectif", "Comite", "Objectif", "PieceJointe", "Rapport", "ReglagesEvaluation", "Support",
]
