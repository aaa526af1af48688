from django.apps import AppConfig


class DefisConfig(AppConfig):
    name = "defis"
    verbose_name = "Défis"
