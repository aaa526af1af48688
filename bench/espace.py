"""The measure of « Mon espace », the home of each role, at demo scale: the demonstration's promotion (`seed_demo`),
each of its logins (EIG, porteur, sponsor, parrain, intervenante, alumni, coach) opening their space."""

from io import StringIO

from django.core.management import call_command
from django.test import Client

from bench.outils import chronometrer, mesure
from demo.construction import adresse_de
from programme.models import Personne, Role


@mesure("espace")
def espace(repetitions):
    """« Mon espace » of each demo login."""
    call_command("seed_demo", stdout=StringIO())
    yield "Données : la promotion de démonstration (seed_demo), une connexion par rôle."
    for type_role in Role.Type:
        client = Client()
        client.force_login(Personne.objects.get(email=adresse_de(type_role)))
        yield chronometrer(client, f"Mon espace ({type_role.label.lower()})", "/espace/", repetitions)
