from django.apps import AppConfig
from django.db.models.signals import post_migrate


class MagellanConfig(AppConfig):
    name = "magellan"
    verbose_name = "Magellan"

    def ready(self):
        from .planning import planning_installer

        post_migrate.connect(planning_installer, sender=self, dispatch_uid="magellan_planning")
