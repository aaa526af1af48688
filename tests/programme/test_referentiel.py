"""The compétences load one way, `competences_charger`: by the migration and after a flush, idempotent."""

import pytest

from programme.models import Competence
from programme.referentiel import COMPETENCES, competences_charger

pytestmark = pytest.mark.django_db


def test_les_competences_chargees_par_la_migration_sont_toutes_la_et_recharger_ne_change_rien():
    """After migrate every compétence of the referential is there; loading again creates nothing."""
    assert Competence.objects.count() == sum(len(noms) for publics in COMPETENCES.values() for noms in publics.values())
    assert competences_charger() == 0


def test_une_competence_supprimee_revient_une_renommee_par_un_coach_reste():
    """A missing compétence comes back with its rank; the others, as the coaches left them, are not touched."""
    Competence.objects.get(phase=4, public="eig", nom="Pitch entrepreneurial").delete()
    Competence.objects.filter(phase=4, public="eig", nom="Ouverture des données").update(ordre=9)
    assert competences_charger() == 1
    assert Competence.objects.get(phase=4, public="eig", nom="Pitch entrepreneurial").ordre == 3
    assert Competence.objects.get(phase=4, public="eig", nom="Ouverture des données").ordre == 9
