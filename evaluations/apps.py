from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = "Évaluations"

    def ready(self):
        from accompagnement.crochets import session_enregistree

        from .services.comites import comite_suivre_session

        # A comité session planned anywhere (planner, session form, admin) is the comité of its défi and phase.
        session_enregistree.connect(comite_suivre_session, dispatch_uid="evaluations.comite_suivre_session")
