"""The météo's measure: the daily task opening a round for a promotion of 10,000 EIG — one response row and one
invitation (text and HTML, personal signed link) each, in batches.

Each run happens in a transaction rolled back afterwards, so every run opens the round from scratch and no
e-mail leaves (the sending tasks are queued after a commit that never comes).
"""

import datetime
import statistics
import time

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accompagnement.services.meteo import HEURE_OUVERTURE, meteo_tour
from bench.outils import Resultat, mesure, nombre_fr
from programme.dates import PARIS
from programme.factories import CoachFactory, PromotionFactory
from programme.models import Personne, Role

EIG = 10_000
RUNS_MAX = 3
VENDREDI = datetime.date(2026, 1, 9)


class _Annuler(Exception):
    pass


def _donnees():
    """A promotion of 2026 (météo on Fridays from its first week) with 10,000 EIG and a coach."""
    promotion = PromotionFactory(nom="Promotion du banc météo", numero=98, date_debut=datetime.date(2026, 1, 5),
                                 date_fin=datetime.date(2026, 12, 31))
    CoachFactory(promotion=promotion)
    personnes = Personne.objects.bulk_create(
        (Personne(email=f"eig{n}@exemple.test", prenom="Camille", nom_usage=f"Météo {n}", password="!")
         for n in range(EIG)), batch_size=2000,
    )
    Role.objects.bulk_create((Role(personne=p, promotion=promotion, type=Role.Type.EIG) for p in personnes),
                             batch_size=2000)
    return promotion


def _ouvrir(maintenant):
    """One opening, rolled back: its duration (ms), its queries and its invitations."""
    debut = time.perf_counter()
    try:
        with transaction.atomic(), CaptureQueriesContext(connection) as requetes:
            bilan = meteo_tour(maintenant)
            duree = (time.perf_counter() - debut) * 1000
            raise _Annuler
    except _Annuler:
        pass
    return duree, len(requetes), bilan["invitations"]


@mesure("meteo")
def meteo(repetitions):
    """Open a round of the météo for 10,000 EIG."""
    _donnees()
    maintenant = datetime.datetime.combine(VENDREDI, HEURE_OUVERTURE, tzinfo=PARIS)
    yield f"Données : une promotion de {nombre_fr(EIG)} EIG actifs ; la vague du vendredi 9 janvier 2026 à midi."
    runs = [_ouvrir(maintenant) for _ in range(max(1, min(repetitions, RUNS_MAX)))]
    duree, requetes, invitations = statistics.median(r[0] for r in runs), runs[0][1], runs[0][2]
    yield Resultat(f"ouverture de la vague ({nombre_fr(invitations)} invitations, médiane de {len(runs)} essais)",
                   duree, requetes, 0)
    yield f"soit {nombre_fr(duree / invitations, 2)} ms par EIG invité"
