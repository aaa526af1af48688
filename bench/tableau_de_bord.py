"""The coaches' dashboard's measure, at demo scale: `seed_demo`'s « Promotion 8 » (20 défis, 42 EIG, three months
of accompagnement with the attendance of past sessions, météo, carnets, heures, comités), opened by its coach.

The time follows what the page shows; the number of queries is fixed (tests/magellan/test_tableau_de_bord.py
asserts it on two sizes of promotion).
"""

from io import StringIO

from django.core.management import call_command
from django.test import Client

from bench.outils import chronometrer, mesure
from demo.construction import NOM_PROMOTION, adresse_de
from magellan.selectors_tableau import url_du_tableau
from programme.models import Personne, Promotion, Role


@mesure("tableau_de_bord")
def tableau_de_bord(repetitions):
    """The coaches' dashboard of the demo promotion."""
    call_command("seed_demo", stdout=StringIO())
    promotion = Promotion.objects.get(nom=NOM_PROMOTION)
    client = Client()
    client.force_login(Personne.objects.get(email=adresse_de(Role.Type.COACH)))
    eig = Role.objects.filter(promotion=promotion, type=Role.Type.EIG).count()
    yield f"Données : la démonstration (« {NOM_PROMOTION} », {eig} EIG), vue par son coach."
    yield chronometrer(client, "tableau de bord des coachs", url_du_tableau(promotion), repetitions)
