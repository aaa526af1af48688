"""The domains of the parrains and marraines load one way, `domaines_charger`: by the migration, idempotent."""

import pytest

from programme.models import Domaine
from programme.referentiel import DOMAINES, domaines_charger

pytestmark = pytest.mark.django_db


def test_les_domaines_du_deck_sont_la_par_famille_et_recharger_ne_change_rien():
    """After migrate the four families of the seed deck hold their domains, in order; loading again creates none."""
    par_famille = {famille: list(Domaine.objects.filter(famille=famille).values_list("nom", flat=True))
                   for famille in DOMAINES}
    assert par_famille == DOMAINES
    assert Domaine.Famille.DESIGN.label == "Design"
    assert domaines_charger() == 0


def test_un_domaine_supprime_revient_sans_toucher_aux_autres():
    """A missing domain comes back; one a coach reordered keeps its order."""
    Domaine.objects.get(nom="Logiciel libre").delete()
    Domaine.objects.filter(nom="Accessibilité").update(ordre=99)
    assert domaines_charger() == 1
    assert Domaine.objects.get(nom="Logiciel libre").famille == "innovation_ouverte"
    assert Domaine.objects.get(nom="Accessibilité").ordre == 99
