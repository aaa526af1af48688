from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class MagellanConfig(AppConfig):
    name = "magellan"
    verbose_name = "Magellan"

    def ready(self):
        from . import admin_exports  # noqa: F401 (the export buttons, once every app has registered its admin)
        from .planning import planning_appliquer

        # Sent per app with models; the schedule's tables belong to django_celery_beat, so hook on that one.
        post_migrate.connect(planning_appliquer, sender=apps.get_app_config("django_celery_beat"),
                             dispatch_uid="magellan_planning")
