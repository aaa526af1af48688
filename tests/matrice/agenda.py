"""The agenda: the month, the list, the subscription and its feed, a session's .ics."""

import datetime

from django.utils import timezone

from accompagnement.factories import SessionFactory
from accompagnement.models import Session
from accompagnement.services.agenda import jeton_agenda_creer

from .attendus import COACHS, EQUIPE, Entree, connectes, pour, tous


def preparer(monde):
    """A session of the défi's team, a draft, a session for a list (the parrain) and the EIG's feed secret."""
    debut = timezone.now() + datetime.timedelta(days=7)
    commun = {"promotion": monde["promotion"], "debut": debut, "fin": debut + datetime.timedelta(hours=2)}
    return {
        "agenda_defi": SessionFactory(dispositif="atelier-collaboratif", audience=Session.Audience.DEFI,
                                      defi=monde["defi"], **commun),
        "agenda_brouillon": SessionFactory(statut=Session.Statut.BROUILLON, **commun),
        "agenda_liste": SessionFactory(audience=Session.Audience.LISTE, invites=[monde["personnes"]["parrain"]],
                                       **commun),
        "jeton_agenda": jeton_agenda_creer(monde["personnes"]["eig"]),
    }


ENTREES = [
    Entree("agenda du mois", lambda o: "/agenda/", connectes(200)),
    Entree("agenda d'un autre mois", lambda o: "/agenda/?mois=2026-03", connectes(200)),
    Entree("agenda à venir", lambda o: "/agenda/liste/", connectes(200)),
    Entree("s'abonner", lambda o: "/agenda/abonnement/", connectes(200)),
    Entree("régénérer le lien", lambda o: "/agenda/abonnement/", tous(302), "POST", lambda o: {}),
    Entree("flux par son lien secret", lambda o: f"/agenda/{o['jeton_agenda']}.ics", tous(200)),
    Entree("flux d'un lien inconnu", lambda o: "/agenda/lien-inconnu.ics", tous(404)),
    Entree(".ics d'une session du défi", lambda o: f"/sessions/{o['agenda_defi'].pk}/ics/",
           pour(200, COACHS, EQUIPE, autres=404)),
    Entree(".ics d'une session sur liste", lambda o: f"/sessions/{o['agenda_liste'].pk}/ics/",
           pour(200, COACHS, "parrain", autres=404)),
    Entree(".ics d'un brouillon", lambda o: f"/sessions/{o['agenda_brouillon'].pk}/ics/",
           pour(200, COACHS, autres=404)),
    Entree(".ics d'une session inexistante", lambda o: "/sessions/999999/ics/", pour(404, autres=404)),
]
