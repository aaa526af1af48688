"""Hostile values sent to every form and every filter of every app, as each role that sees the form.

The pages come from the URL resolver (parameters filled from the world of tests/fuzz_outils.py) and from the
admin's registry; each is read as every visitor, and each form found in the HTML (inputs, selects, textareas,
files) is sent, as the first visitor who sees it, with a NUL byte then markup in every field, then with values
that hypothesis draws, valid and hostile mixed. A page's query parameters (its links to itself and those the
views read) are fuzzed the same way. Each example runs in a savepoint rolled back afterwards, so that no example
sees another's rows. No example may give a server error, and no HTML response may carry the posted markup raw.
"""

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, example, given, settings

from tests.fuzz_outils import (
    MARQUEURS,
    PARTOUT_A_CHAQUE_FOIS,
    abrege,
    donnees_a_envoyer,
    lire_page,
    monde_construire,
    pages_de_l_administration,
    pages_du_site,
    valeurs_du_formulaire,
    valeurs_partout,
)

# The first visitor who sees a form sends it: the coach first, who sees the most.
VISITEURS = ["coach", "eig", "porteur", "sponsor", "parrain", "intervenant", "alumni", "eig_autre", "anonyme"]
EXEMPLES_PAR_FORMULAIRE = 5
EXEMPLES_PAR_FILTRE = 2


@pytest.fixture
def monde(scenario):
    """The world, built once per test (each example rolls its own rows back)."""
    return monde_construire(scenario)


def _client(monde, visiteur):
    client = Client()
    if visiteur != "anonyme":
        client.force_login(monde["personnes"][visiteur])
    return client


def _html(reponse):
    return not reponse.streaming and reponse.get("Content-Type", "").startswith("text/html")


def formulaires_decouverts(monde, adresses, visiteurs, echecs):
    """Each distinct form of the pages (same method, target and field names: once), with the first visitor who
    gets it; the page's query parameters as a last GET form. A page that fails to show is added to `echecs`."""
    clients = {visiteur: _client(monde, visiteur) for visiteur in visiteurs}
    formulaires, vus = [], set()
    for adresse in adresses:
        for visiteur, client in clients.items():
            try:
                reponse = client.get(adresse)
            except Exception as erreur:
                echecs.append(f"GET {adresse} en tant que {visiteur} : {type(erreur).__name__} ({erreur})")
                continue
            if reponse.status_code >= 500:
                echecs.append(f"GET {adresse} en tant que {visiteur} : {reponse.status_code}")
            if reponse.status_code != 200 or not _html(reponse):
                continue
            for formulaire in lire_page(visiteur, adresse, reponse.content.decode()):
                if formulaire.signature() not in vus:
                    vus.add(formulaire.signature())
                    formulaires.append(formulaire)
    return formulaires


def _envoyer_et_verifier(monde, formulaire, valeurs):
    """One example in a savepoint rolled back: the status below 500, the markup escaped in an HTML answer."""
    contexte = f"{formulaire} avec {abrege(valeurs)}"
    try:
        with transaction.atomic():
            client = _client(monde, formulaire.role)
            envoi = client.post if formulaire.methode == "post" else client.get
            reponse = envoi(formulaire.action, donnees_a_envoyer(valeurs), follow=True)
            transaction.set_rollback(True)
    except Exception as erreur:
        message = " ".join(str(erreur).split())[:200]
        raise AssertionError(f"{type(erreur).__name__} ({message}) : {contexte}") from erreur
    assert reponse.status_code < 500, f"{reponse.status_code} : {contexte}"
    if _html(reponse):
        corps = reponse.content.decode(errors="replace")
        for marqueur in MARQUEURS:
            assert marqueur not in corps, f"balisage non échappé {marqueur!r} : {contexte}"


def fuzzer(monde, formulaires, echecs):
    """Each form gets the same hostile value everywhere for each of PARTOUT_A_CHAQUE_FOIS, then its hypothesis
    examples (fixed seed: the same ones on every run); the failures of all forms are reported together with the
    pages' (`echecs`), each with its first failing example."""
    for formulaire in formulaires:
        exemples = EXEMPLES_PAR_FILTRE if formulaire.parametres else EXEMPLES_PAR_FORMULAIRE

        @settings(max_examples=exemples, deadline=None, derandomize=True, database=None,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        @given(valeurs=valeurs_du_formulaire(formulaire))
        def essai(valeurs):
            _envoyer_et_verifier(monde, formulaire, valeurs)

        for hostile in PARTOUT_A_CHAQUE_FOIS:
            essai = example(valeurs=valeurs_partout(formulaire, hostile))(essai)
        try:
            essai()
        except Exception as erreur:
            echecs.append(str(erreur).splitlines()[0][:600])
    assert not echecs, f"{len(echecs)} échec(s) :\n" + "\n".join(echecs)


def test_les_formulaires_et_filtres_du_site_resistent_aux_valeurs_hostiles(monde):
    """Every form and every query parameter of every app's pages, sent by the first visitor who sees it with
    hostile values, gives no server error and shows no posted markup unescaped."""
    echecs = []
    formulaires = formulaires_decouverts(monde, pages_du_site(monde), VISITEURS, echecs)
    assert sum(f.methode == "post" for f in formulaires) >= 40, "la découverte des formulaires a échoué"
    fuzzer(monde, formulaires, echecs)


def test_l_administration_resiste_aux_valeurs_hostiles(monde):
    """The admin's add and change forms of every registered model, its list filters and search, sent by a
    coach with hostile values, give no server error and show no posted markup unescaped."""
    echecs = []
    formulaires = formulaires_decouverts(monde, pages_de_l_administration(), ["coach"], echecs)
    assert sum(f.methode == "post" for f in formulaires) >= 30, "la découverte des formulaires a échoué"
    fuzzer(monde, formulaires, echecs)
