"""A promotion's own dates stay within the years Magellan accepts: the admin answers a French error on the field
instead of failing when the phases are dated from it."""

import html

import pytest

from programme.dates import fenetre_absolue
from programme.factories import CoachFactory
from programme.models import Promotion

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("champ,valeur", [("date_debut", "01/06/9999"), ("date_debut", "01/01/0001"),
                                          ("meteo_ancre", "31/12/9999")])
def test_une_promotion_de_l_an_1_ou_9999_est_refusee_dans_l_administration(client, champ, valeur):
    """Le formulaire de la promotion dit sur le champ quelles dates il accepte ; aucune promotion n'est écrite."""
    client.force_login(CoachFactory())
    donnees = {
        "nom": "Promotion 10", "numero": 10, "date_debut": "01/09/2026", "date_fin": "",
        "plafond_heures_acceleration": "5", "meteo_jour": "4", "meteo_ancre": "", "meteo_duree_jours": "7",
        "groupes_taille": "5", champ: valeur,
    }
    reponse = client.post("/admin/programme/promotion/add/", donnees)
    absolue = fenetre_absolue()
    assert reponse.status_code == 200
    assert (f"Choisissez une date entre le {absolue.debut:%d/%m/%Y} et le {absolue.fin:%d/%m/%Y} "
            "(les dates que Magellan accepte).") in html.unescape(reponse.content.decode())
    assert not Promotion.objects.filter(nom="Promotion 10").exists()
