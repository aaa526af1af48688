"""The form fields shared by the apps: rows chosen by id refuse what cannot be an id, before any query."""

import pytest
from django import forms

from accompagnement.factories import InscriptionFactory
from programme.champs import ChoixMultiples
from programme.factories import CoachFactory, PersonneFactory
from programme.models import Personne

pytestmark = pytest.mark.django_db


class ChoixForm(forms.Form):
    personnes = ChoixMultiples(queryset=Personne.objects.all())


@pytest.mark.parametrize("valeur", ["9" * 40, "abc"])
def test_un_choix_qui_ne_peut_pas_etre_un_identifiant_est_refuse(valeur):
    """A number beyond the column's range, or a text, is refused with the field's message about that value."""
    formulaire = ChoixForm({"personnes": [valeur]})
    assert not formulaire.is_valid()
    assert formulaire.errors.as_data()["personnes"][0].code == "invalid_pk_value"
    assert valeur in formulaire.errors["personnes"][0]


def test_les_choix_valides_sont_retenus():
    """Ids of existing rows give those rows."""
    personnes = PersonneFactory.create_batch(2)
    formulaire = ChoixForm({"personnes": [str(p.pk) for p in personnes]})
    assert formulaire.is_valid()
    assert set(formulaire.cleaned_data["personnes"]) == set(personnes)


def test_l_emargement_refuse_une_personne_hors_limites(client):
    """The attendance sheet sent with an id beyond the column's range comes back with its error, nobody marked."""
    inscription = InscriptionFactory()
    client.force_login(CoachFactory(promotion=inscription.session.promotion))
    reponse = client.post(f"/coachs/sessions/{inscription.session.pk}/emargement/", {"presents": ["9" * 40]})
    assert reponse.status_code == 200
    assert reponse.context["formulaire"].errors["presents"]
    inscription.refresh_from_db()
    assert inscription.present is None
