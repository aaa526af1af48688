"""Dates people type stay within what makes sense: sessions and mentorat slots within the promotion (give or
take its preparation), heures d'accélération within the promotion and never ahead. The forms answer a French
error on the field, keep what was typed, and write nothing."""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accompagnement.factories import HeureAccelerationFactory, dispositif
from accompagnement.forms.bureau import SeanceForm
from accompagnement.models import Creneau, HeureAcceleration, Session
from accompagnement.services.heures import heure_saisir
from defis.factories import DefiFactory
from programme.dates import MARGE_PREPARATION
from programme.factories import CoachFactory, ParrainFactory, PromotionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def promotion():
    return PromotionFactory(nom="Promotion 8", numero=8)


@pytest.fixture
def coach(client, promotion):
    coach = CoachFactory(promotion=promotion)
    client.force_login(coach)
    return coach


def _session(jour: str, **champs):
    return {
        "dispositif": dispositif("atelier-collaboratif").pk, "titre": "Atelier : la carte d'expérience",
        "debut": f"{jour}T09:00", "fin": f"{jour}T13:00", "lieu": "Ségur", "audience": "promotion", **champs,
    }


def _borne(promotion, motif="« Promotion 8 », préparation et clôture comprises"):
    return (f"Choisissez une date entre le {promotion.date_debut - MARGE_PREPARATION:%d/%m/%Y} et le "
            f"{promotion.date_fin + MARGE_PREPARATION:%d/%m/%Y} ({motif}).")


@pytest.mark.parametrize("jour", ["0001-01-01", "9999-12-31"])
def test_une_session_de_l_an_1_ou_9999_est_refusee_sur_le_champ(client, promotion, coach, jour):
    """Le formulaire de session du coach dit quelles dates la promotion accepte, garde la date saisie, n'écrit rien."""
    reponse = client.post(f"/coachs/sessions/promotion/{promotion.pk}/nouvelle/", _session(jour))
    page = html.unescape(reponse.content.decode())
    assert reponse.status_code == 200 and not Session.objects.exists()
    assert _borne(promotion) in page
    assert f'value="{jour}T09:00"' in page


def test_une_session_pendant_la_preparation_est_acceptee_apres_elle_refusee(client, promotion, coach):
    """Un mois avant le début, c'est la préparation : accepté ; au-delà de la marge après la fin : refusé."""
    avant = promotion.date_debut - datetime.timedelta(days=30)
    assert client.post(f"/coachs/sessions/promotion/{promotion.pk}/nouvelle/", _session(f"{avant:%Y-%m-%d}"),
                       ).status_code == 302
    trop_tard = promotion.date_fin + MARGE_PREPARATION + datetime.timedelta(days=1)
    reponse = client.post(f"/coachs/sessions/promotion/{promotion.pk}/nouvelle/", _session(f"{trop_tard:%Y-%m-%d}"))
    assert _borne(promotion) in html.unescape(reponse.content.decode())
    assert Session.objects.count() == 1


def test_une_session_hors_bornes_est_refusee_dans_l_administration(client, promotion, coach):
    """Le formulaire de session de l'administration refuse l'an 9999 sur le champ du début et n'écrit rien."""
    reponse = client.post("/admin/accompagnement/session/add/", {
        "dispositif": dispositif("atelier-collaboratif").pk, "promotion": promotion.pk, "titre": "Atelier",
        "debut_0": "9999-12-31", "debut_1": "09:00:00", "fin_0": "9999-12-31", "fin_1": "10:00:00",
        "audience": "promotion", "inscriptions-TOTAL_FORMS": 0, "inscriptions-INITIAL_FORMS": 0,
    })
    assert reponse.status_code == 200 and not Session.objects.exists()
    assert _borne(promotion) in html.unescape(reponse.content.decode())


@pytest.mark.parametrize("jour", ["9999-12-31", "2000-01-03"])
def test_un_creneau_de_mentorat_hors_bornes_est_refuse(client, promotion, coach, jour):
    """Un créneau en l'an 9999 (ou avant le programme) reçoit une erreur en français sur sa date, bornée par les
    promotions du mentor ; aucun créneau n'est écrit."""
    reponse = client.post("/mentorat/creneaux/", {
        "type_mentorat": "individuel", "jour": jour, "heure": "23:30", "duree_minutes": "60",
        "lieu": "DINUM, salle Ségur", "serie": "on",
    })
    page = html.unescape(reponse.content.decode())
    assert reponse.status_code == 200 and not Creneau.objects.exists()
    assert _borne(promotion, "vos promotions") in page and f'value="{jour}"' in page


@pytest.fixture
def parrain(promotion):
    return ParrainFactory(promotion=promotion)


@pytest.fixture
def defi(promotion):
    return DefiFactory(promotion=promotion, titre="Hospi'Flux")


@pytest.mark.parametrize("jour", ["0001-01-01", "la veille du début"])
def test_des_heures_avant_la_promotion_sont_refusees(client, promotion, parrain, defi, jour):
    """Des heures datées de l'an 1, ou de la veille de la promotion, sont refusées sur le champ de la date : pas
    d'antidate."""
    if jour == "la veille du début":
        jour = (promotion.date_debut - datetime.timedelta(days=1)).isoformat()
    client.force_login(parrain)
    reponse = client.post("/heures/", {"date": jour, "defi": defi.pk, "duree_minutes": 60, "sujet": "Revue"})
    page = html.unescape(reponse.content.decode())
    assert reponse.status_code == 200 and not HeureAcceleration.objects.exists()
    assert (f"Choisissez une date entre le {promotion.date_debut:%d/%m/%Y} et le {timezone.localdate():%d/%m/%Y} "
            "(les dates de « Promotion 8 », jusqu'à aujourd'hui).") in page
    assert f'value="{jour}"' in page


def test_des_heures_pour_une_promotion_pas_encore_commencee_disent_quand_elles_seront_possibles(client):
    """Une promotion qui commence le mois prochain n'accepte encore aucune heure : le message nomme le premier jour
    possible au lieu d'une période à l'envers."""
    debut = timezone.localdate().replace(day=1) + datetime.timedelta(days=40)
    future = PromotionFactory(nom="Promotion 9", numero=9, date_debut=debut)
    parrain_futur = ParrainFactory(promotion=future)
    with pytest.raises(ValidationError) as erreur:
        heure_saisir(parrain_futur, DefiFactory(promotion=future), timezone.localdate(), 60, "Revue")
    assert erreur.value.messages == [
        f"Aucune date ne convient encore (les dates de « Promotion 9 », jusqu'à aujourd'hui) : la première "
        f"possible sera le {debut:%d/%m/%Y}."
    ]


def test_des_heures_a_venir_restent_refusees(parrain, defi):
    """L'an 9999 est à venir : le service rappelle que les heures se consignent une fois données."""
    with pytest.raises(ValidationError, match="la date ne peut pas être à venir"):
        heure_saisir(parrain, defi, datetime.date(9999, 12, 31), 60, "Revue")
    assert not HeureAcceleration.objects.exists()


def _heure_admin(parrain, defi, **champs):
    return {"parrain": parrain.pk, "defi": defi.pk, "date": timezone.localdate().isoformat(), "duree_minutes": 120,
            "sujet": "Atelier d'architecture", **champs}


def test_les_heures_saisies_dans_l_administration_respectent_le_plafond(client, coach, parrain, defi):
    """Un coach qui ajoute des heures au-delà du plafond mensuel du parrain reçoit le message du service ; rien
    n'est écrit."""
    HeureAccelerationFactory(parrain=parrain, defi=defi, duree_minutes=240)
    reponse = client.post("/admin/accompagnement/heureacceleration/add/", _heure_admin(parrain, defi))
    page = html.unescape(reponse.content.decode())
    assert reponse.status_code == 200
    assert "Il vous reste 1 h ce mois-ci ; cette saisie de 2 h dépasserait le plafond de 5 h." in page
    assert HeureAcceleration.objects.count() == 1


def test_une_heure_modifiee_dans_l_administration_respecte_le_plafond(client, coach, parrain, defi):
    """Augmenter une saisie au-delà du plafond dans l'administration est refusé ; la saisie garde sa durée."""
    HeureAccelerationFactory(parrain=parrain, defi=defi, duree_minutes=240)
    heure = HeureAccelerationFactory(parrain=parrain, defi=defi, duree_minutes=30)
    reponse = client.post(f"/admin/accompagnement/heureacceleration/{heure.pk}/change/",
                          _heure_admin(parrain, defi, duree_minutes=90))
    assert "dépasserait le plafond de 5 h" in html.unescape(reponse.content.decode())
    heure.refresh_from_db()
    assert heure.duree_minutes == 30


def test_des_heures_de_l_an_1_sont_refusees_dans_l_administration(client, promotion, coach, parrain, defi):
    """L'administration refuse des heures de l'an 1 avec le même message que le formulaire du parrain."""
    reponse = client.post("/admin/accompagnement/heureacceleration/add/",
                          _heure_admin(parrain, defi, date="0001-01-01"))
    assert f"Choisissez une date entre le {promotion.date_debut:%d/%m/%Y}" in html.unescape(reponse.content.decode())
    assert not HeureAcceleration.objects.exists()


def test_des_heures_sous_le_plafond_s_enregistrent_dans_l_administration(client, coach, parrain, defi):
    """Sous le plafond et dans la promotion, la saisie du coach est enregistrée pour le parrain."""
    reponse = client.post("/admin/accompagnement/heureacceleration/add/", _heure_admin(parrain, defi))
    assert reponse.status_code == 302
    assert HeureAcceleration.objects.get().parrain == parrain


def test_une_seance_du_bureau_d_aide_en_9999_est_refusee():
    """Le formulaire de séance du bureau d'aide refuse l'an 9999 sur sa date."""
    formulaire = SeanceForm({"date": "9999-12-31", "heure": "23:30", "duree": 60})
    assert not formulaire.is_valid()
    assert formulaire.errors["date"][0].startswith("Choisissez une date entre le 01/01/2015 et le ")
