"""The environment of a Magellan process started by a test (worker, beat, `manage.py check`): Magellan's own
settings, as the Dockerfile and `make run` start it, without the switches the suite sets for itself."""

import os

# Set by pytest-django (the suite's settings) and by the browser tests (Django's async guard): a process of the
# project must not inherit them, or it would send its e-mails to memory or fail the deployment check.
PROPRES_A_LA_SUITE = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}


def environnement_du_projet(**variables: str) -> dict[str, str]:
    env = {nom: valeur for nom, valeur in os.environ.items() if nom not in PROPRES_A_LA_SUITE}
    return {**env, "DJANGO_SETTINGS_MODULE": "magellan.settings", **variables}
