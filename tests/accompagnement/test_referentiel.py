"""The catalogue of dispositifs loads one way, `dispositifs_charger`: by the migration and after a flush,
idempotent, never overwriting what coaches edited."""

import pytest

from accompagnement.models import Dispositif
from accompagnement.referentiel import DISPOSITIFS, dispositifs_charger

pytestmark = pytest.mark.django_db


def test_le_catalogue_charge_par_la_migration_est_complet_et_recharger_ne_change_rien():
    """After migrate every dispositif is in the catalogue; loading again creates nothing."""
    assert Dispositif.objects.count() == len(DISPOSITIFS)
    assert dispositifs_charger() == 0


def test_un_dispositif_supprime_revient_un_dispositif_modifie_par_un_coach_reste():
    """A missing dispositif comes back as the referential writes it; one a coach reworded keeps its wording."""
    Dispositif.objects.get(slug="expedition-apprenante").delete()
    Dispositif.objects.filter(slug="partage-pluridisciplinaire").update(duree="2 heures")
    assert dispositifs_charger() == 1
    assert Dispositif.objects.get(slug="expedition-apprenante").nom == "Expédition apprenante"
    assert Dispositif.objects.get(slug="partage-pluridisciplinaire").duree == "2 heures"
