from django.apps import AppConfig


class ProConnectConfig(AppConfig):
    name = "proconnect"
    verbose_name = "ProConnect"
