"""`manage.py restaurer ARCHIVE`: an archive of `sauvegarder` back into an empty database and empty folders."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from magellan.sauvegarde import ErreurSauvegarde, restaurer


class Command(BaseCommand):
    help = ("Restaure une archive de « sauvegarder » dans une base vide et des dossiers de fichiers vides, après "
            "avoir vérifié l'empreinte de chaque fichier.")

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="L'archive magellan-AAAAMMJJ-HHMMSS.tar.gz à restaurer.")

    def handle(self, *args, archive, **options):
        if not archive.is_file():
            raise CommandError(f"L'archive {archive} est introuvable.")
        try:
            manifeste = restaurer(archive)
        except ErreurSauvegarde as erreur:
            raise CommandError(str(erreur)) from None
        self.stdout.write(f"Restauré : la sauvegarde du {manifeste['cree_le']}, {len(manifeste['fichiers'])} "
                          "fichiers vérifiés. Lancez ensuite « manage.py migrate » si le code est plus récent.")
