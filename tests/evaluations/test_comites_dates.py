"""A comité's date stays within its promotion's own dates (it closes one of its phases): the coach's form, the
admin and the session form answer a French error on the date and keep what was typed; nothing is moved or
written."""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError

from evaluations.models import Comite
from evaluations.services.comites import comite_creer


def _borne(promotion):
    return (f"Choisissez une date entre le {promotion.date_debut:%d/%m/%Y} et le {promotion.date_fin:%d/%m/%Y} "
            f"(les dates de « {promotion} » : un comité clôt l'une de ses phases).")


@pytest.mark.parametrize("debut", ["0001-01-01T00:00", "9999-12-31T23:30"])
def test_un_comite_replanifie_en_l_an_1_ou_9999_est_refuse(client, comite, equipe, debut):
    """Le formulaire de planification refuse la date sur son champ et la garde saisie ; le comité ne bouge pas."""
    avant = comite.debut
    client.force_login(equipe["coach"])
    reponse = client.post(f"/defis/{equipe['defi'].slug}/evaluations/phase-2/planifier/", {
        "debut": debut, "duree_minutes": "60", "coachs": [equipe["coach"].pk], "participants": [equipe["eig"].pk],
    })
    page = html.unescape(reponse.content.decode())
    assert reponse.status_code == 200 and _borne(equipe["promotion"]) in page
    assert f'value="{debut}"' in page
    comite.refresh_from_db()
    assert comite.debut == avant


def test_un_comite_ajoute_hors_bornes_dans_l_administration_est_refuse(client, equipe):
    """L'administration refuse un comité en l'an 9999 sur le champ de sa date ; aucun comité n'est écrit."""
    client.force_login(equipe["coach"])
    phase = equipe["promotion"].phases.get(numero=3)
    reponse = client.post("/admin/evaluations/comite/add/", {
        "defi": equipe["defi"].pk, "phase": phase.pk, "debut_0": "9999-12-31", "debut_1": "23:30:00",
        "duree_minutes": 90, "lien_visio": "", "coachs": [equipe["coach"].pk],
    })
    assert reponse.status_code == 200 and _borne(equipe["promotion"]) in html.unescape(reponse.content.decode())
    assert not Comite.objects.exists()


def test_le_service_refuse_un_comite_de_l_an_1(equipe):
    """Créé par le service (tableau des coachs, planificateur), un comité de l'an 1 est refusé avant qu'une
    échéance n'en soit calculée."""
    phase = equipe["promotion"].phases.get(numero=1)
    with pytest.raises(ValidationError) as erreur:
        comite_creer(equipe["defi"], phase, debut=datetime.datetime(1, 1, 3, 14, tzinfo=datetime.UTC))
    assert erreur.value.message_dict == {"debut": [_borne(equipe["promotion"])]}
    assert not Comite.objects.exists()
