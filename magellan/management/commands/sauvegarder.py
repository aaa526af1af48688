"""`manage.py sauvegarder`: the database and both media folders in one dated archive (see magellan.sauvegarde)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from magellan.sauvegarde import ErreurSauvegarde, purger, sauvegarder


class Command(BaseCommand):
    help = "Sauvegarde la base et les deux dossiers de fichiers dans une archive datée ; purge les anciennes."

    def add_arguments(self, parser):
        parser.add_argument("--dossier", type=Path, default=Path("sauvegardes"),
                            help="Dossier des archives (par défaut : ./sauvegardes).")
        parser.add_argument("--garder-jours", type=int, default=None,
                            help="Retire ensuite les archives de ce dossier plus anciennes que ce nombre de jours.")

    def handle(self, *args, dossier, garder_jours, **options):
        if garder_jours is not None and garder_jours < 1:
            raise CommandError("--garder-jours doit valoir au moins 1 : la sauvegarde du jour serait retirée.")
        try:
            archive = sauvegarder(dossier)
        except ErreurSauvegarde as erreur:
            raise CommandError(str(erreur)) from None
        self.stdout.write(f"Sauvegarde écrite : {archive}")
        if garder_jours is not None:
            for retiree in purger(dossier, garder_jours):
                self.stdout.write(f"Ancienne sauvegarde retirée : {retiree}")
