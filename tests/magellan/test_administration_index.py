"""The admin's biggest lists (hundreds of thousands of notifications, carnets, météo alerts) open on their first
page without sorting the whole table: each order they sort by, and each filter with that order, has its index."""

import pytest
from django.contrib import admin

from programme.factories import CoachFactory

pytestmark = pytest.mark.django_db

# The list, and the filter whose choice must keep the order on an index.
LISTES = [("programme/notification", "categorie"), ("accompagnement/alertemeteo", "motif"),
          ("accompagnement/carnetdebord", None)]


def _modele(chemin):
    return next(m for m in admin.site._registry if f"{m._meta.app_label}/{m._meta.model_name}" == chemin)


def _colonnes(ordre, modele):
    return [("-" if champ.startswith("-") else "") + modele._meta.get_field(champ.lstrip("-").replace("pk", "id"))
            .column for champ in ordre]


def _index(modele):
    return [_colonnes(index.fields, modele) for index in modele._meta.indexes]


@pytest.mark.parametrize("chemin,filtre", LISTES)
def test_chaque_grande_liste_de_l_administration_se_trie_sur_un_index(client, chemin, filtre):
    """The order of the list as the admin sends it to the database (tie broken by id) is an index's columns, and so
    is its filter followed by the order."""
    client.force_login(CoachFactory())
    reponse = client.get(f"/admin/{chemin}/")
    assert reponse.status_code == 200
    modele = _modele(chemin)
    ordre = _colonnes(reponse.context["cl"].queryset.query.order_by, modele)
    assert ordre in [colonnes[:len(ordre)] for colonnes in _index(modele)]
    if filtre:
        premier = ordre[0]
        assert [filtre, premier] in [colonnes[:2] for colonnes in _index(modele)]
