"""`python manage.py seed_scale [--facteur 1] [--reset]`: a national-scale copy of the programme on PostgreSQL,
for the bench (`make bench-national`): about twenty promotions, ten thousand people, a thousand défis, a hundred
thousand sessions with 1.3 million registrations, weekly météo, carnets, heures, comités, 600,000 e-mails.

Built by bulk inserts and COPY (demo.echelle) in a few minutes; it prints the rows of each table and the time it
took. It refuses SQLite, and a database that already holds promotions unless `--reset` empties it first.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accompagnement.services.groupes import groupes_composer
from demo.echelle import base_refusee, comptes_par_table, echelle_construire, echelle_effacer
from magellan.celery import app as celery_app
from programme.dates import premier_du_mois
from programme.models import Personne, Promotion


def _facteur(valeur: str) -> float:
    try:
        facteur = float(valeur.replace(",", "."))
    except ValueError:
        raise CommandError(f"--facteur attend un nombre, par exemple 0.1 (reçu : « {valeur} »).") from None
    if not 0.001 <= facteur <= 2:
        raise CommandError(f"--facteur doit être compris entre 0,001 et 2 (reçu : {valeur}).")
    return facteur


class Command(BaseCommand):
    help = ("Construit sur PostgreSQL une copie du programme à l'échelle nationale (≈ 20 promotions, 10 000 "
            "personnes, 100 000 sessions, 1,3 million d'inscriptions) pour le banc de mesure.")

    def add_arguments(self, parser):
        parser.add_argument("--facteur", default="1", help="échelle : 1 pour l'échelle nationale, 0.1 pour un "
                                                           "dixième (entre 0,001 et 2)")
        parser.add_argument("--reset", action="store_true",
                            help="vide d'abord la base (personnes, promotions, défis, notifications et tout ce qui "
                                 "en dépend) ; les référentiels chargés par les migrations restent")

    def handle(self, *args, facteur="1", reset=False, **options):
        facteur = _facteur(str(facteur))
        refus = base_refusee()
        if refus:
            raise CommandError(refus)
        if Promotion.objects.exists() or Personne.objects.exists():
            if not reset:
                raise CommandError(
                    "Cette base contient déjà des promotions ou des personnes : seed_scale ne les mélange pas aux "
                    "siennes. Relancez avec --reset pour la vider d'abord (tout son contenu est effacé), ou "
                    "utilisez une base dédiée (createdb banc).")
            echelle_effacer()
            self.stdout.write("Base vidée (--reset).")
        debut = time.perf_counter()
        self.stdout.write(f"Construction de la copie à l'échelle {str(facteur).replace('.', ',')}…")
        comptes = echelle_construire(facteur, sortie=self.stdout.write)
        # This month's groupes de partage of the running promotion, in draft, composed by the service itself.
        eager = celery_app.conf.task_always_eager
        celery_app.conf.task_always_eager = True
        try:
            with transaction.atomic():
                en_cours = Promotion.objects.order_by("-date_debut").first()
                groupes = len(groupes_composer(en_cours, premier_du_mois()))
        finally:
            celery_app.conf.task_always_eager = eager
        duree = time.perf_counter() - debut
        self.stdout.write(self.style.SUCCESS(
            f"Copie à l'échelle nationale prête en {duree:.0f} s : {comptes['promotions']} promotions (la dernière en "
            f"cours, « {en_cours} », {groupes} groupes de partage composés ce mois-ci), {comptes['personnes']} "
            f"personnes, dont {comptes['eig']} EIG."))
        self.stdout.write("Lignes par table :")
        for nom, nombre in comptes_par_table():
            self.stdout.write(f"  {nom:<32} {nombre:>12,}".replace(",", " "))
        self.stdout.write("EIG à l'agenda chargé : eig.chargee@echelle.test ; coachs : p1@echelle.test à "
                          "p8@echelle.test.")
