"""The public home page: what it says of the programme follows the code that decides it."""

import pytest

from programme.models import Promotion

pytestmark = pytest.mark.django_db


def test_l_accueil_dit_le_plafond_d_heures_par_defaut_d_une_promotion(client, monkeypatch):
    """The parrains' monthly cap shown on the home page is the default of the promotion's field, not a copy."""
    champ = Promotion._meta.get_field("plafond_heures_acceleration")
    assert f"à concurrence de {champ.default} h par mois" in client.get("/").content.decode()
    monkeypatch.setattr(champ, "default", 7)
    assert "à concurrence de 7 h par mois" in client.get("/").content.decode()
