"""A promotion comes with its four phases, dated 2/3/3/2 months from its start and editable."""

import datetime

import pytest
from django.db import IntegrityError

from programme import services
from programme.factories import CoachFactory
from programme.models import Competence, Phase

pytestmark = pytest.mark.django_db


def test_promotion_creee_avec_ses_quatre_phases_datees():
    """Starting 1 September 2025, the phases end 31 Oct, 31 Jan, 30 April and 30 June."""
    promotion = services.promotion_creer("Promotion 9", numero=9, date_debut=datetime.date(2025, 9, 1))
    phases = list(promotion.phases.order_by("numero").values_list("nom", "date_debut", "date_fin"))
    assert phases == [
        ("Valider l'hypothèse", datetime.date(2025, 9, 1), datetime.date(2025, 10, 31)),
        ("Prouver le concept", datetime.date(2025, 11, 1), datetime.date(2026, 1, 31)),
        ("Prouver la valeur", datetime.date(2026, 2, 1), datetime.date(2026, 4, 30)),
        ("Amplifier l'impact", datetime.date(2026, 5, 1), datetime.date(2026, 6, 30)),
    ]
    assert promotion.date_fin == datetime.date(2026, 6, 30)


def test_base_refuse_une_cinquieme_phase():
    """The database refuses a second phase with the same number in a promotion."""
    promotion = services.promotion_creer("Promotion 9", date_debut=datetime.date(2025, 9, 1))
    with pytest.raises(IntegrityError):
        Phase.objects.create(promotion=promotion, numero=2, nom="Doublon", duree_mois=1)


def test_competences_des_quatre_phases_chargees():
    """The skill grid of doc-coachs is loaded: 4 EIG skills in phase 1, 'Management de l'innovation' in phase 2."""
    assert list(Competence.objects.filter(phase=1, public="eig").values_list("nom", flat=True)) == [
        "Agilité", "Gestion de produit", "Prototypage", "Cadre juridique du service public"]
    assert Competence.objects.filter(phase=2, public="porteur", nom="Management de l'innovation").exists()
    assert Competence.objects.count() == 25


def test_coach_cree_une_promotion_dans_l_administration_et_ses_phases_suivent(client):
    """Created in the admin, a promotion gets its phases; changing its start moves them; a phase stays editable."""
    client.force_login(CoachFactory())
    reponse = client.post("/admin/programme/promotion/add/", {
        "nom": "Promotion 10", "numero": 10, "date_debut": "01/09/2026", "date_fin": "",
        "plafond_heures_acceleration": "5", "meteo_jour": "4", "meteo_ancre": "", "meteo_duree_jours": "7",
        "groupes_taille": "5",
    })
    assert reponse.status_code == 302, reponse.content.decode()[:2000]
    from programme.models import Promotion

    promotion = Promotion.objects.get(nom="Promotion 10")
    assert promotion.phases.get(numero=4).date_fin == datetime.date(2027, 6, 30)
    phase = promotion.phases.get(numero=2)
    phase.date_fin = datetime.date(2027, 2, 15)
    phase.save()
    assert promotion.phases.get(numero=2).date_fin == datetime.date(2027, 2, 15)
