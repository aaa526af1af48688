from django.apps import AppConfig


class RessourcesConfig(AppConfig):
    name = "ressources"
    verbose_name = "Ressources des coachs"

    def ready(self):
        from programme.notifications import CONTEXTES_PAR_CATEGORIE

        from .selectors import contexte_du_rappel

        # Every reminder e-mail lists the resource pages its coaches attached to it (templates/emails/base.html).
        CONTEXTES_PAR_CATEGORIE.append(contexte_du_rappel)
