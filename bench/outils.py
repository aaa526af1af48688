"""The bench's tools: the registry of measures, the stopwatch, the French output.

A measure is a function decorated with `@mesure("nom")`, in any module of the `bench` package: it builds its
data in the throwaway database and yields `Resultat`s, usually through `chronometrer`.
"""

import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext

MESURES: dict = {}


def mesure(nom: str):
    """Register a measure under `nom` (what `bench/run.py --mesure nom` selects)."""
    def enregistrer(fonction):
        MESURES[nom] = fonction
        return fonction
    return enregistrer


@dataclass
class Resultat:
    libelle: str
    mediane_ms: float
    requetes: int
    octets: int

    def __str__(self):
        taille = f", {nombre_fr(self.octets / 1024, 1)} ko" if self.octets else ""
        pluriel = "s" if self.requetes > 1 else ""
        return f"{self.libelle} : {nombre_fr(self.mediane_ms, 1)} ms médiane, {self.requetes} requête{pluriel}{taille}"


def nombre_fr(valeur, decimales=0) -> str:
    """1234.5 → « 1 234,5 »."""
    return f"{valeur:,.{decimales}f}".replace(",", " ").replace(".", ",")


def chronometrer(client, libelle: str, url: str, repetitions: int) -> Resultat:
    """The median server time of `repetitions` GETs of `url` (after one to warm up), and the SQL queries of one."""
    reponse = client.get(url)
    assert reponse.status_code == 200, f"{url} répond {reponse.status_code}"
    durees = []
    for _ in range(repetitions):
        debut = time.perf_counter()
        client.get(url)
        durees.append((time.perf_counter() - debut) * 1000)
    with CaptureQueriesContext(connection) as requetes:
        reponse = client.get(url)
    return Resultat(libelle, statistics.median(durees), len(requetes), len(reponse.content))
