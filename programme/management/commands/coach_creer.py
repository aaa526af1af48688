"""`python manage.py coach_creer --email … --prenom … --nom …`: the first coach, without any password.

Magellan has no superuser: the admin opens to the people who hold a coach role. This command finds or creates
the person, gives them a coach role for the whole programme and e-mails them how to log in by code.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from programme.services import coach_creer


class Command(BaseCommand):
    help = "Crée (ou retrouve) une personne et lui donne un rôle de coach de tout le programme, sans mot de passe."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="adresse électronique du coach")
        parser.add_argument("--prenom", required=True, help="prénom")
        parser.add_argument("--nom", required=True, help="nom d'usage")

    def handle(self, *args, email, prenom, nom, **options):
        try:
            personne, cree = coach_creer(email=email, prenom=prenom, nom_usage=nom)
        except ValidationError as erreur:
            raise CommandError(" ".join(erreur.messages)) from erreur
        if cree:
            self.stdout.write(self.style.SUCCESS(
                f"{personne} ({personne.email}) est coach de tout le programme. Un e-mail lui explique comment se "
                "connecter : par un code envoyé à cette adresse, sur la page /comptes/login/code/."
            ))
        else:
            self.stdout.write(f"{personne} ({personne.email}) était déjà coach de tout le programme : rien n'a changé.")
