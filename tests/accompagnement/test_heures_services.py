"""Heures d'accélération: a parrain logs quarter hours given to a défi, within the monthly cap of its promotion."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accompagnement.factories import HeureAccelerationFactory
from accompagnement.models import HeureAcceleration
from accompagnement.selectors.heures import duree_en_clair
from accompagnement.services.heures import PlafondDepasse, heure_saisir, heure_supprimer
from defis.factories import DefiFactory
from programme.dates import mois_en_clair, premier_du_mois
from programme.factories import ParrainFactory, PromotionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def promotion():
    return PromotionFactory()


@pytest.fixture
def defi(promotion):
    return DefiFactory(promotion=promotion, titre="Hospi'Flux")


@pytest.fixture
def parrain(promotion):
    return ParrainFactory(promotion=promotion)


def _saisir(parrain, defi, minutes, jour=None, sujet="Revue d'architecture"):
    """Log `minutes` today (this month) unless another day is given."""
    return heure_saisir(parrain, defi, jour or timezone.localdate(), minutes, sujet)


@pytest.mark.parametrize("minutes,texte", [(15, "0 h 15"), (45, "0 h 45"), (60, "1 h"), (75, "1 h 15"), (300, "5 h")])
def test_les_durees_s_ecrivent_comme_on_les_dit(minutes, texte):
    """Durations read « 0 h 15 », « 1 h », « 1 h 15 »."""
    assert duree_en_clair(minutes) == texte


def test_un_parrain_consigne_des_heures_pour_un_defi_de_sa_promotion(parrain, defi):
    """The entry is written with its date, duration in minutes and topic."""
    heure = _saisir(parrain, defi, 90, sujet="  Atelier de recherche utilisateur ")
    assert (heure.parrain, heure.defi, heure.duree_minutes, heure.sujet) == (
        parrain, defi, 90, "Atelier de recherche utilisateur")


def test_le_plafond_peut_etre_atteint_exactement(parrain, defi):
    """Five hours in a month, in several entries, is exactly the default cap: accepted."""
    for minutes in (120, 105, 75):
        _saisir(parrain, defi, minutes)
    assert sum(HeureAcceleration.objects.values_list("duree_minutes", flat=True)) == 300


def test_au_dela_du_plafond_l_erreur_dit_ce_qui_reste(parrain, defi):
    """3 h 45 logged: 2 h more is refused with the hours left, and nothing is written."""
    _saisir(parrain, defi, 225)
    with pytest.raises(PlafondDepasse) as erreur:
        _saisir(parrain, defi, 120)
    assert erreur.value.messages == [
        "Il vous reste 1 h 15 ce mois-ci ; cette saisie de 2 h dépasserait le plafond de 5 h."]
    assert HeureAcceleration.objects.count() == 1


def test_plafond_atteint_le_dit(parrain, defi):
    """With the cap reached, any further entry is refused, saying the cap is reached."""
    _saisir(parrain, defi, 300)
    with pytest.raises(PlafondDepasse, match="Vous avez atteint le plafond de 5 h ce mois-ci : cette saisie de "
                                             "0 h 15 ne peut pas être enregistrée."):
        _saisir(parrain, defi, 15)


def test_le_plafond_est_celui_de_la_promotion_du_defi(parrain, defi, promotion):
    """A promotion set to 2 h 30 a month caps at 2 h 30."""
    promotion.plafond_heures_acceleration = 2.5
    promotion.save()
    _saisir(parrain, defi, 120)
    with pytest.raises(PlafondDepasse, match="Il vous reste 0 h 30 ce mois-ci ; cette saisie de 1 h dépasserait "
                                             "le plafond de 2 h 30."):
        _saisir(parrain, defi, 60)


def test_le_plafond_est_mensuel(parrain, defi):
    """The previous month's hours do not count against this month; the message names the month."""
    mois_dernier = premier_du_mois(timezone.localdate()) - datetime.timedelta(days=1)
    _saisir(parrain, defi, 300, jour=mois_dernier)
    _saisir(parrain, defi, 300)
    with pytest.raises(PlafondDepasse, match=f"Vous avez atteint le plafond de 5 h en {mois_en_clair(mois_dernier)}"):
        _saisir(parrain, defi, 15, jour=mois_dernier)


def test_le_plafond_compte_tous_les_defis_de_la_promotion(parrain, defi, promotion):
    """The cap is per parrain, not per défi: hours to two défis of the promotion add up."""
    _saisir(parrain, defi, 240)
    with pytest.raises(PlafondDepasse, match="Il vous reste 1 h ce mois-ci"):
        _saisir(parrain, DefiFactory(promotion=promotion), 120)


def test_les_heures_des_autres_parrains_ne_comptent_pas(parrain, defi, promotion):
    """Another parrain's hours to the same défi are theirs."""
    HeureAccelerationFactory(defi=defi, duree_minutes=300)
    assert _saisir(parrain, defi, 300).duree_minutes == 300


@pytest.mark.parametrize("minutes", [0, 10, 50, 315])
def test_la_duree_se_saisit_en_quarts_d_heure(parrain, defi, minutes):
    """Only quarter hours from 0 h 15 to 5 h."""
    with pytest.raises(ValidationError, match="en quarts d'heure, de 0 h 15 à 5 h"):
        _saisir(parrain, defi, minutes)


def test_pas_d_heures_a_venir(parrain, defi):
    """Hours are logged once given: a date to come is refused."""
    with pytest.raises(ValidationError, match="ne peut pas être à venir"):
        _saisir(parrain, defi, 60, jour=timezone.localdate() + datetime.timedelta(days=1))


def test_un_parrain_d_une_autre_promotion_ne_saisit_pas_pour_ce_defi(defi):
    """The défi must belong to a promotion where the person is parrain or marraine."""
    with pytest.raises(ValidationError, match="Vous n'êtes pas parrain ou marraine de la promotion de ce défi."):
        _saisir(ParrainFactory(promotion=PromotionFactory()), defi, 60)


def test_un_sujet_est_demande(parrain, defi):
    """The topic says what the time was about."""
    with pytest.raises(ValidationError, match="Précisez le sujet"):
        _saisir(parrain, defi, 60, sujet="   ")


def test_supprimer_une_saisie_rend_le_temps_disponible(parrain, defi):
    """A deleted entry frees its time in the month."""
    heure = _saisir(parrain, defi, 300)
    heure_supprimer(heure)
    assert _saisir(parrain, defi, 300).duree_minutes == 300
