"""The Celery app: Redis as broker (REDIS_URL), tasks discovered in each app, schedule in the database."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "magellan.settings")

app = Celery("magellan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
