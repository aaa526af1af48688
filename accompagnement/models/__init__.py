"""The accompagnement's models, one module per dispositif family."""

from .bureau import DemandeAide
from .carnet import AutoEvaluation, CarnetDeBord
from .catalogue import Dispositif
from .groupes import GroupePartage, MembreGroupe
from .heures import HeureAcceleration
from .mentorat import Creneau, Cycle, Reservation, TypeMentorat
from .meteo import AlerteMeteo, ReponseMeteo, VagueMeteo
from .sessions import Inscription, JetonAgenda, Session

__all__ = [
    "AlerteMeteo", "GroupePartage", "MembreGroupe", "ReponseMeteo", "VagueMeteo",
    "AutoEvaluation", "CarnetDeBord", "Creneau", "Cycle", "DemandeAide", "Dispositif", "HeureAcceleration",
    "Inscription", "JetonAgenda", "Reservation", "Session", "TypeMentorat",
]
