"""The permission matrix: every URL of the site and of the admin, as anonymous and as each visitor, read and
written, gives the expected status (tests/matrice/); and no URL exists without its entry.

The world is built once for the module, in a transaction rolled back at its end, with each visitor's session
opened once; each visitor's request runs in a savepoint rolled back after it, so that a POST that deletes or
writes leaves the world as it was for the next one.
"""

import pytest
from django.conf import settings as reglages
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver

from tests.matrice import ENTREES, VISITEURS, monde_construire

# URL patterns no entry needs to reach, each with its reason.
EXCLUSIONS = {}


@pytest.fixture(scope="module")
def dossiers(tmp_path_factory):
    """The world's files (documents of the bureau d'aide, files of the supports) live for the whole module."""
    racine = tmp_path_factory.mktemp("matrice")
    return {"MEDIA_ROOT": racine / "media", "PRIVATE_MEDIA_ROOT": racine / "prive"}


@pytest.fixture(scope="module")
def monde_de_la_matrice(django_db_setup, django_db_blocker, dossiers):
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(**dossiers):
        monde = monde_construire()
        sessions = {}
        for visiteur in VISITEURS[1:]:
            client = Client()
            client.force_login(monde["personnes"][visiteur])
            sessions[visiteur] = client.session.session_key
        yield {**monde, "sessions": sessions}
        transaction.set_rollback(True)


@pytest.fixture
def monde(db, settings, dossiers, monde_de_la_matrice):
    for nom, chemin in dossiers.items():
        setattr(settings, nom, chemin)
    return monde_de_la_matrice


def _statut(monde, entree, visiteur):
    """The status `visiteur` gets, in a savepoint rolled back afterwards."""
    client = Client()
    if visiteur != "anonyme":
        client.cookies[reglages.SESSION_COOKIE_NAME] = monde["sessions"][visiteur]
    cache.clear()
    with transaction.atomic():
        url = entree.url(monde)
        if entree.methode == "POST":
            reponse = client.post(url, entree.donnees(monde))
        else:
            reponse = client.get(url)
        transaction.set_rollback(True)
    return url, reponse.status_code


@pytest.mark.parametrize("entree", ENTREES, ids=[f"{e.methode} {e.nom}" for e in ENTREES])
def test_matrice_des_permissions(monde, entree):
    """Each visitor gets exactly the status the matrix expects, for each page and each action."""
    ecarts = []
    for visiteur in VISITEURS:
        url, statut = _statut(monde, entree, visiteur)
        if statut != entree.attendus[visiteur]:
            ecarts.append(f"{visiteur} : {statut} au lieu de {entree.attendus[visiteur]}")
    assert not ecarts, f"{entree.methode} {url} ({entree.nom}) : " + " ; ".join(ecarts)


def _motifs(resolver, espaces=(), prefixe=""):
    """Every URL pattern under `resolver`: its name with its namespaces, or its full route when it has none."""
    for motif in resolver.url_patterns:
        route = URLResolver._join_route(prefixe, str(motif.pattern))
        if isinstance(motif, URLResolver):
            yield from _motifs(motif, (*espaces, motif.namespace) if motif.namespace else espaces, route)
        elif motif.name:
            yield ":".join((*espaces, motif.name))
        else:
            yield route


def test_chaque_adresse_a_son_entree_dans_la_matrice(monde):
    """Every URL pattern of the site, of allauth and of the admin is reached by at least one entry of the matrix:
    a page added without its entry fails here."""
    resolver = get_resolver()
    couverts = set()
    for entree in ENTREES:
        correspondance = resolver.resolve(entree.url(monde).split("?")[0])
        couverts.add(correspondance.view_name if correspondance.url_name else correspondance.route)
    manquants = set(_motifs(resolver)) - couverts - set(EXCLUSIONS)
    assert not manquants, f"adresses sans entrée dans la matrice : {sorted(manquants)}"
