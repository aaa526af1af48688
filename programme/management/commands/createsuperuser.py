"""`manage.py createsuperuser` replaced: Magellan has no password and no superuser; the first coach comes from
`coach_creer`."""

from django.core.management.base import BaseCommand, CommandError

from programme.models import SANS_MOT_DE_PASSE


class Command(BaseCommand):
    help = "Remplacée : Magellan n'a pas de mot de passe. Utilisez manage.py coach_creer."

    def add_arguments(self, parser):
        parser.add_argument("arguments", nargs="*", help="ignorés")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive", help="ignoré")
        parser.add_argument("--email", help="ignoré")
        parser.add_argument("--database", help="ignoré")

    def handle(self, *args, **options):
        raise CommandError(SANS_MOT_DE_PASSE)
