"""The bureau d'aide: the team of the défi (EIG, porteur, sponsor) and the coaches see a request and its
document, anyone else gets a 404. Only EIG and porteurs ask for help; the triage is the coaches' (403 for
everyone else)."""

import datetime

from django.utils import timezone

from accompagnement.factories import DemandeAideFactory
from tests.accompagnement.fichiers_bureau import fichier

from .attendus import (
    COACHS,
    EQUIPE,
    EQUIPE_AILLEURS,
    EQUIPE_AUTRE,
    LES_EIG,
    LES_PORTEURS,
    Entree,
    coachs_seulement,
    connectes,
    pour,
)


def preparer(monde):
    """A request of the défi's EIG holding a PDF."""
    return {"demande": DemandeAideFactory(defi=monde["defi"], demandeur=monde["personnes"]["eig"],
                                          document=fichier("plan.pdf"))}


def _une_seance(o):
    """The planning form as the browser sends it: one séance in four days at 14:00, two left blank."""
    jour = timezone.localdate() + datetime.timedelta(days=4)
    donnees = {"form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "0", "form-MIN_NUM_FORMS": "0",
               "form-MAX_NUM_FORMS": "1000", "form-0-date": jour.isoformat(), "form-0-heure": "14:00"}
    return {**donnees, **{f"form-{rang}-duree": "60" for rang in range(3)}}


def _triage(suite):
    return lambda o: f"/coachs/bureau-aide/{o['demande'].pk}/{suite}"


ENTREES = [
    Entree("bureau d'aide de l'équipe", lambda o: "/bureau-aide/",
           pour(200, COACHS, EQUIPE, EQUIPE_AUTRE, EQUIPE_AILLEURS)),
    Entree("demander de l'aide", lambda o: "/bureau-aide/demander/", pour(200, LES_EIG, LES_PORTEURS)),
    Entree("envoyer une demande", lambda o: "/bureau-aide/demander/", pour(302, LES_EIG, LES_PORTEURS), "POST",
           lambda o: {"defi": o["defi"].pk, "nature": "autre", "description": "Un besoin."}),
    Entree("une demande", lambda o: f"/bureau-aide/{o['demande'].pk}/", pour(200, COACHS, EQUIPE, autres=404)),
    Entree("son document", lambda o: f"/bureau-aide/{o['demande'].pk}/document/",
           pour(200, COACHS, EQUIPE, autres=404)),
    Entree("demande inexistante", lambda o: "/bureau-aide/999999/", connectes(404)),
    Entree("file des coachs", lambda o: "/coachs/bureau-aide/", coachs_seulement()),
    Entree("file filtrée", lambda o: "/coachs/bureau-aide/?statut=toutes&nature=autre", coachs_seulement()),
    Entree("prendre en charge", _triage("prendre-en-charge/"), coachs_seulement()),
    Entree("prendre en charge (envoi)", _triage("prendre-en-charge/"), coachs_seulement(statut=302), "POST",
           lambda o: {"coach": o["personnes"]["coach"].pk}),
    Entree("planifier", _triage("planifier/"), coachs_seulement()),
    Entree("planifier une séance", _triage("planifier/"), coachs_seulement(statut=302), "POST", _une_seance),
    Entree("clore", _triage("clore/"), coachs_seulement()),
    Entree("clore (envoi)", _triage("clore/"), coachs_seulement(statut=302), "POST", lambda o: {"resultat": "Fait."}),
]
