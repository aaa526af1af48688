"""Apply the one definition of the Celery schedule (magellan/planning.py), keeping what coaches changed."""

from django.core.management.base import BaseCommand

from magellan.planning import planning_appliquer


class Command(BaseCommand):
    help = ("Crée et met à jour les tâches planifiées depuis magellan/planning.py ; ce qu'un coach a changé dans "
            "l'administration est gardé. Sans effet la seconde fois.")

    def handle(self, *args, **options):
        bilan = planning_appliquer()
        self.stdout.write(f"Planning appliqué : {bilan['creees']} tâche(s) créée(s), "
                          f"{bilan['modifiees']} mise(s) à jour.")
