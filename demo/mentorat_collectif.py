"""The demo's mentorat collectif, for `manage.py seed_demo`: the demo parrain proposes one to the promotion's EIG,
a Monday afternoon two weeks ahead (as in the seeds' agenda), and eig@ and a few other EIG join it."""

import datetime

from django.utils import timezone

from accompagnement.models import Session
from accompagnement.services.mentorat_collectif import mentorat_collectif_proposer
from accompagnement.services.sessions import session_inscrire

MENTORAT_COLLECTIF = {
    "titre": "Convaincre sa hiérarchie d'ouvrir les données du service",
    "description": "Plusieurs d'entre vous butent sur la même question : comment obtenir l'accord d'ouvrir un jeu "
                   "de données quand la hiérarchie craint les erreurs ou les usages imprévus ? Venez avec votre "
                   "cas, ce que vous avez déjà tenté et vos questions : nous construirons ensemble les arguments "
                   "et les étapes qui rassurent.",
    "duree_minutes": 90,
    "places": 6,
    "audience": Session.Audience.EIG,
    "lien_visio": "https://webinaire.numerique.gouv.fr/mentorat-collectif-donnees",
}
# The EIG who join it besides eig@: a few seats stay free for whoever visits the demo.
AUTRES_PARTICIPANTS = 2


def demo_mentorat_collectif(promotion, parrain, eig, autres_eig) -> Session:
    """Propose the demo's mentorat collectif as the parrain would, then register eig@ and a few other EIG."""
    aujourd_hui = timezone.localdate()
    lundi = aujourd_hui + datetime.timedelta(days=14 - aujourd_hui.weekday())
    debut = timezone.make_aware(datetime.datetime.combine(lundi, datetime.time(14, 0)))
    session = mentorat_collectif_proposer(parrain, promotion=promotion, debut=debut, **MENTORAT_COLLECTIF)
    for personne in [eig, *autres_eig[:AUTRES_PARTICIPANTS]]:
        session_inscrire(session, personne)
    return session
