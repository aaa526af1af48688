"""The accompagnement's models, one module per dispositif family."""

from .bureau import DemandeAide
from .carnet import AutoEvaluation, CarnetDeBord
from .catalogue import Dispositif
from .heures import HeureAcceleration
from .mentorat import Creneau, Cycle, Reservation, TypeMentorat
from .sessions import Inscription, JetonAgenda, Session

__all__ = [
    "AutoEvaluation", "CarnetDeBord", "Creneau", "Cycle", "DemandeAide", "Dispositif", "HeureAcceleration",
    "Inscription", "JetonAgenda", "Reservation", "Session", "TypeMentorat",
]
