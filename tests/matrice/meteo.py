"""The météo: answers are seen by the EIG who gave them and by the coaches, nobody else (DESIGN §5). Porteurs,
sponsors, parrains, intervenants, alumni and other EIG get 403 or 404 on every météo page and answer URL;
anonymous visitors are sent to log in, and a bad personal link answers 404."""

from accompagnement.models import AlerteMeteo
from accompagnement.services.meteo import jeton_reponse
from tests.accompagnement.outils_meteo import VagueMeteoFactory, reponse, vague_close

from .attendus import LES_EIG, Entree, coachs_seulement, pour, tous

SAISIE = {"meteo": "3", "vie_equipe": "3", "epanouissement": "3"}


def preparer(monde):
    """A closed round answered by both EIG of the promotion (with confidential texts, one alert) and an open
    round they are both invited to."""
    promotion = monde["promotion"]
    eig, autre = monde["personnes"]["eig"], monde["personnes"]["eig_autre"]
    passee = vague_close(promotion)
    passee_eig = reponse(passee, eig, meteo=1, reussites="Confidentiel [eig]")
    reponse(passee, autre, meteo=3, reussites="Confidentiel [eig_autre]")
    ouverte = VagueMeteoFactory(promotion=promotion)
    return {"vague_passee": passee, "passee_eig": passee_eig,
            "alerte": AlerteMeteo.objects.create(reponse=passee_eig, motif=AlerteMeteo.Motif.PLUS_BAS),
            "ouverte_eig": reponse(ouverte, eig), "ouverte_autre": reponse(ouverte, autre)}


def les_eig(statut_du_sien, sien):
    """The EIG who owns the answer gets `statut_du_sien`, the other EIG 404, everyone else 403."""
    return pour(404, LES_EIG) | {sien: statut_du_sien}


ENTREES = [
    Entree("ma météo", lambda o: "/meteo/", pour(200, LES_EIG)),
    Entree("météo de la promotion", lambda o: "/meteo/promotion/", pour(200, LES_EIG)),
    Entree("répondre à sa météo", lambda o: f"/meteo/reponse/{o['ouverte_eig'].pk}/", les_eig(200, "eig")),
    Entree("répondre à celle d'un autre", lambda o: f"/meteo/reponse/{o['ouverte_autre'].pk}/",
           les_eig(200, "eig_autre")),
    Entree("envoyer la réponse de l'EIG du défi", lambda o: f"/meteo/reponse/{o['ouverte_eig'].pk}/",
           les_eig(302, "eig"), "POST", lambda o: SAISIE),
    Entree("réponse inexistante", lambda o: "/meteo/reponse/999999/", pour(404, LES_EIG)),
    Entree("lien personnel", lambda o: f"/meteo/lien/{jeton_reponse(o['ouverte_eig'])}/", tous(200)),
    # Whoever holds the link answers for its EIG (thanked on the page); the EIG is sent back to « Ma météo ».
    Entree("répondre par le lien personnel", lambda o: f"/meteo/lien/{jeton_reponse(o['ouverte_eig'])}/",
           tous(200) | {"eig": 302}, "POST", lambda o: SAISIE),
    Entree("lien altéré", lambda o: f"/meteo/lien/{jeton_reponse(o['ouverte_eig'])[:-3]}xyz/", tous(404)),
    Entree("lien d'une réponse déjà donnée", lambda o: f"/meteo/lien/{jeton_reponse(o['passee_eig'])}/", tous(410)),
    Entree("météo des coachs", lambda o: "/coachs/meteo/", coachs_seulement()),
    Entree("météo d'une promotion choisie", lambda o: f"/coachs/meteo/?promotion={o['promotion'].pk}",
           coachs_seulement()),
    Entree("historique de l'EIG du défi", lambda o: f"/coachs/meteo/eig/{o['personnes']['eig'].pk}/",
           coachs_seulement()),
    Entree("historique de l'autre EIG", lambda o: f"/coachs/meteo/eig/{o['personnes']['eig_autre'].pk}/",
           coachs_seulement()),
    Entree("historique d'une personne qui n'est pas EIG",
           lambda o: f"/coachs/meteo/eig/{o['personnes']['porteur'].pk}/", coachs_seulement(statut=404)),
    Entree("traiter une alerte", lambda o: f"/coachs/meteo/alertes/{o['alerte'].pk}/traiter/",
           coachs_seulement(statut=302), "POST", lambda o: {}),
]
