"""The demo's groupes de partage, for `manage.py seed_demo`: this month's groups, published, with the topics
each entre-pairs group chose for next month, and next month's groups, composed and published, those topics
carried over. Everything goes through the services, invitations included."""

from accompagnement.models import GroupePartage
from accompagnement.services.groupes import groupes_composer, groupes_publier, sujet_suivant_choisir
from programme.dates import mois_suivant, premier_du_mois
from programme.models import Promotion

# Topics an entre-pairs group may choose at the end of a meeting, taken in turn.
SUJETS = [
    "Faire accepter un logiciel libre par la DSI : arguments, interlocuteurs, calendrier",
    "Tests d'utilisabilité avec des agents : recruter, animer, restituer",
    "Publier un jeu de données sur data.gouv.fr : anonymisation et documentation",
    "Passer d'un prototype à un service en production : hébergement, homologation, exploitation",
    "Mesurer l'impact d'un service public numérique : indicateurs et tableaux de bord",
]


def demo_groupes(promotion: Promotion) -> list[GroupePartage]:
    """Compose and publish this month's and next month's groups of `promotion`; returns them."""
    courant = premier_du_mois()
    groupes = groupes_composer(promotion, courant)
    groupes_publier(promotion, courant)
    for rang, groupe in enumerate(g for g in groupes if g.type == GroupePartage.Type.PAIRS):
        sujet_suivant_choisir(groupe, SUJETS[rang % len(SUJETS)])
    suivant = mois_suivant(courant)
    groupes += groupes_composer(promotion, suivant)
    groupes_publier(promotion, suivant)
    return groupes
