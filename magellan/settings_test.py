"""The test suite's settings: Magellan's settings, then the few differences the suite relies on.

pytest-django reads this module (pyproject.toml) before Django starts, so what the suite claims here is
what it runs with. Tests of the rate limits switch them back on for themselves (`settings` fixture).
"""

from .settings import *  # noqa: F403

# Hundreds of logins by code from one address in a few minutes: only the rate-limit tests count them.
ACCOUNT_RATE_LIMITS = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each test process keeps its own counters; the rate-limit tests switch to Redis to show they are shared.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
