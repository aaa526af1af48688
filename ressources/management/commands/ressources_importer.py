"""`manage.py ressources_importer <dossier doc-coachs> [--ecraser]`: import the coaches' documentation site."""

from django.core.management.base import BaseCommand, CommandError

from ressources.services import ImportImpossible, ressources_importer


class Command(BaseCommand):
    help = "Importe le site documentaire des coachs (dossier doc-coachs : index.md, programme/, ressources/)."

    def add_arguments(self, parser):
        parser.add_argument("chemin", help="le dossier du site des coachs (doc-coachs)")
        parser.add_argument("--ecraser", action="store_true",
                            help="remplacer aussi les pages modifiées dans Magellan depuis le dernier import")

    def handle(self, chemin, ecraser=False, **options):
        try:
            rapport = ressources_importer(chemin, ecraser=ecraser)
        except ImportImpossible as erreur:
            raise CommandError(str(erreur)) from erreur
        for probleme in rapport.problemes:
            self.stderr.write(f"· {probleme}")
        self.stdout.write(self.style.SUCCESS(
            f"Ressources : {len(rapport.creees)} créée(s), {len(rapport.mises_a_jour)} mise(s) à jour, "
            f"{len(rapport.inchangees)} inchangée(s), {len(rapport.gardees)} gardée(s) car modifiée(s) dans "
            f"Magellan, {len(rapport.ecrasees)} écrasée(s) ; {len(rapport.problemes)} signalement(s)."
        ))
