from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = "Évaluations"

    def ready(self):
        from accompagnement.crochets import session_enregistree, session_verifiee

        from .services.comites import comite_suivre_session, comite_verifier_session

        # A comité session planned anywhere (planner, session form, admin) is the comité of its défi and phase.
        session_verifiee.connect(comite_verifier_session, dispatch_uid="evaluations.comite_verifier_session")
        session_enregistree.connect(comite_suivre_session, dispatch_uid="evaluations.comite_suivre_session")
