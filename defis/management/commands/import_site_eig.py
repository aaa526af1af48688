"""`manage.py import_site_eig PATH`: import a copy of the public EIG site's content, then print what it did."""

import time

from django.core.management.base import BaseCommand, CommandError

from defis.importer import CREE, INCHANGE, MIS_A_JOUR, SORTES, ContenuIntrouvable, site_eig_importer


def _accord(nombre, singulier, pluriel):
    return f"{nombre} {singulier if nombre < 2 else pluriel}"


class Command(BaseCommand):
    help = (
        "Importe le contenu du site public des EIG (dossier content/ du dépôt site-eig-v3) : promotions, "
        "thèmes, métiers, défis, réalisations, personnes, rôles et équipes. Relancer l'import met à jour "
        "sans rien dupliquer."
    )

    def add_arguments(self, parser):
        parser.add_argument("chemin", help="Dossier content/ du site (contient defis/, personnes/, promos/…).")

    def handle(self, *args, chemin, **options):
        debut = time.monotonic()
        bavard = options["verbosity"] >= 1
        try:
            bilan = site_eig_importer(chemin, progression=self.stdout.write if bavard else None)
        except ContenuIntrouvable as erreur:
            raise CommandError(str(erreur)) from erreur
        duree = time.monotonic() - debut

        self.stdout.write("")
        secondes = f"{duree:.1f}".replace(".", ",")
        self.stdout.write(self.style.SUCCESS(f"Import du site EIG terminé en {secondes} s."))
        self.stdout.write(f"{'':<18}{CREE:>8}{MIS_A_JOUR:>12}{INCHANGE:>11}")
        for sorte in SORTES:
            compteur = bilan.compteurs[sorte]
            self.stdout.write(f"{sorte:<18}{compteur[CREE]:>8}{compteur[MIS_A_JOUR]:>12}{compteur[INCHANGE]:>11}")
        self.stdout.write(
            "Total : "
            + ", ".join((
                _accord(bilan.total(CREE), "créé", "créés"),
                _accord(bilan.total(MIS_A_JOUR), "mis à jour", "mis à jour"),
                _accord(bilan.total(INCHANGE), "inchangé", "inchangés"),
            ))
            + "."
        )
        if bilan.non_importes:
            self.stdout.write(self.style.WARNING(f"\nFichiers non importés ({len(bilan.non_importes)}) :"))
            for ligne in bilan.non_importes:
                self.stdout.write(f"  - {ligne}")
        if bilan.avertissements:
            self.stdout.write(self.style.WARNING(f"\nAvertissements ({len(bilan.avertissements)}) :"))
            for ligne in bilan.avertissements:
                self.stdout.write(f"  - {ligne}")
