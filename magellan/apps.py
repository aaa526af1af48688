from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate, post_save


class MagellanConfig(AppConfig):
    name = "magellan"
    verbose_name = "Magellan"

    def ready(self):
        from accompagnement.crochets import flux_agenda_lu
        from programme.models import Promotion

        from . import admin_exports  # noqa: F401 (the export buttons, once every app has registered its admin)
        from .planning import planning_appliquer
        from .services_arrivee import flux_lu, promotion_creee

        # Sent per app with models; the schedule's tables belong to django_celery_beat, so hook on that one.
        post_migrate.connect(planning_appliquer, sender=apps.get_app_config("django_celery_beat"),
                             dispatch_uid="magellan_planning")
        # The arrival path: a new promotion gets its default steps; a calendar feed read ticks the agenda step.
        post_save.connect(promotion_creee, sender=Promotion, dispatch_uid="magellan_parcours_promotion")
        flux_agenda_lu.connect(flux_lu, dispatch_uid="magellan_parcours_agenda")
