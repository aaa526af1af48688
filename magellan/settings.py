"""Magellan's settings: one module, read from the environment.

Without any variable set, Magellan runs in debug on SQLite with e-mails printed to the console,
so `make run` works on any machine. Production sets the variables listed in the README.
"""

from email.utils import parseaddr
from pathlib import Path

import dj_database_url
import environ
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="magellan-developpement-cle-non-secrete" if DEBUG else environ.Env.NOTSET)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    # First, so that its `createsuperuser` and `changepassword` (no password in Magellan) replace Django's.
    "programme",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "crispy_forms",
    "dsfr",
    "django_celery_beat",
    "csp",
    "simple_history",
    "import_export",
    "magellan",
    "ressources",
    "defis",
    "accompagnement",
    "evaluations",
    "proconnect",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "magellan.urls"
WSGI_APPLICATION = "magellan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "magellan.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env.int("CONN_MAX_AGE", default=60),
        conn_health_checks=True,
    )
}
if env.bool("DATABASE_POOL", default=False) and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Several web processes and workers on one PostgreSQL: each process keeps a pool of connections (psycopg's,
    # through Django), instead of one persistent connection per thread; PgBouncer in front also works, without it.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN", default=2), "max_size": env.int("DATABASE_POOL_MAX", default=10),
    }
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Under `make run` the web process and the Celery worker share the file: wait for a lock, do not fail.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds the rate limits' counters: shared by all web processes on Redis when REDIS_URL is set.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                          "KEY_PREFIX": "magellan"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# With the shared cache, a signed-in visitor's session is read from Redis (written through to the database, which
# stays the reference): one query less on every authenticated page, from any web process.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "programme.Personne"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "programme.authentification.SessionSansPermissions",
    "programme.authentification.ConnexionParCodeSansPermissions",
]

# Login: by a code sent to the e-mail address, no password; nobody signs up alone.
ACCOUNT_ADAPTER = "programme.adapters.AdaptateurCompte"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_FORMS = {
    "request_login_code": "programme.forms.DemandeCodeForm",
    "confirm_login_code": "programme.forms.ConfirmationCodeForm",
}
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 15 * 60
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Magellan] "
ACCOUNT_PREVENT_ENUMERATION = True
# Counted in the shared cache (Redis in production, so every worker counts together), per real client address
# (TRUSTED_PROXY_COUNT below) and per e-mail address ("key").
ACCOUNT_RATE_LIMITS = {
    "request_login_code": "20/m/ip,3/m/key",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
}
# How many reverse proxies stand in front of gunicorn and append to X-Forwarded-For (0: none, use the socket).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
LOGIN_URL = "account_request_login_code"
LOGIN_REDIRECT_URL = "espace"
CSRF_FAILURE_VIEW = "magellan.erreurs.echec_csrf"
ACCOUNT_LOGOUT_REDIRECT_URL = "accueil"

# ProConnect (OpenID Connect for public agents), beside the login by code: offered only when all three are set.
# PROCONNECT_DOMAIN as ProConnect gives it (e.g. fca.integ01.dev-agentconnect.fr/api/v2), or the discovery URL.
PROCONNECT_CLIENT_ID = env.str("PROCONNECT_CLIENT_ID", default="")
PROCONNECT_CLIENT_SECRET = env.str("PROCONNECT_CLIENT_SECRET", default="")
PROCONNECT_DOMAIN = env.str("PROCONNECT_DOMAIN", default="").rstrip("/")
PROCONNECT_DISCOVERY_URL = env.str("PROCONNECT_DISCOVERY_URL", default="") or (
    f"{PROCONNECT_DOMAIN if '://' in PROCONNECT_DOMAIN else 'https://' + PROCONNECT_DOMAIN}"
    "/.well-known/openid-configuration" if PROCONNECT_DOMAIN else ""
)
PROCONNECT_ACR_VALUES = env.str("PROCONNECT_ACR_VALUES", default="eidas1")

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)

# Content-Security-Policy: everything from this site only, no inline style, scripts only from here or with the
# request's nonce; no frame, no plugin, forms post only here. Every browser test fails on a violation.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

INVITATION_VALIDITE_JOURS = env.int("INVITATION_VALIDITE_JOURS", default=14)
# Retention: who an e-mail went to and its subject are erased this long after it was recorded (its body as soon as
# it left or finally failed); the documents uploaded during a promotion are removed this long after its end.
NOTIFICATIONS_CONSERVATION_JOURS = env.int("NOTIFICATIONS_CONSERVATION_JOURS", default=180)
# A finally failed e-mail keeps its body this many days after its last attempt, for a coach to « Renvoyer » it.
COURRIELS_EN_ECHEC_JOURS = env.int("COURRIELS_EN_ECHEC_JOURS", default=7)
DOCUMENTS_CONSERVATION_JOURS = env.int("DOCUMENTS_CONSERVATION_JOURS", default=365)

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
# French of our own for the packages' admin screens, before theirs (compiled by `make` and the Dockerfile).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Magellan's own DSFR sheet (programme/dsfr_leger.py) is built from the installed DSFR, not kept in static/.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "programme.dsfr_leger.FeuilleDsfrFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# On several machines, the uploads go to an S3-compatible object storage (django-storages) that every web process
# and worker reads: public media under `media/`, private documents under `prive/` of the same bucket, or of
# S3_BUCKET_PRIVE, fetched only by the views that check permissions. Without S3_BUCKET, the folders below.
S3_BUCKET = env.str("S3_BUCKET", default="")
if S3_BUCKET:
    _S3 = {
        "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("S3_REGION", default="") or None,
        "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
        "file_overwrite": False,
    }
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        **_S3, "bucket_name": S3_BUCKET, "location": "media", "querystring_auth": False,
        "custom_domain": env.str("S3_MEDIA_DOMAINE", default="") or None,
    }}
    STORAGES["prive"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        **_S3, "bucket_name": env.str("S3_BUCKET_PRIVE", default="") or S3_BUCKET, "location": "prive",
        "default_acl": "private", "querystring_auth": True,
    }}
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploaded documents (bureau d'aide, comité supports) are never served as static media.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private")
FICHIER_TAILLE_MAX = 20 * 1024 * 1024

# E-mail: console by default, SMTP (or any backend) from EMAIL_URL, locmem in tests.
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Magellan <magellan@numerique.gouv.fr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where a person writes to exercise their rights over their data (the mentions légales give it).
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default=parseaddr(DEFAULT_FROM_EMAIL)[1])
if "EMAIL_URL" in env:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

CRISPY_ALLOWED_TEMPLATE_PACKS = ["dsfr"]
CRISPY_TEMPLATE_PACK = "dsfr"

# Celery: Redis when REDIS_URL is set; otherwise kombu's filesystem transport, a folder under var/ that needs
# nothing installed, so `make run` opens météo rounds and composes groups on a newcomer's machine too.
CELERY_FILE_BROKER_DIR = Path(env.str("CELERY_FILE_BROKER_DIR", default=str(BASE_DIR / "var" / "celery")))
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
else:
    CELERY_BROKER_URL = "filesystem://localhost//"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_FILE_BROKER_DIR / "file"),
        "data_folder_out": str(CELERY_FILE_BROKER_DIR / "file"),
        "control_folder": str(CELERY_FILE_BROKER_DIR / "control"),
        "store_processed": False,
    }
    for _dossier in ("file", "control"):
        (CELERY_FILE_BROKER_DIR / _dossier).mkdir(parents=True, exist_ok=True)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task left unacknowledged by a worker that died comes back after an hour (Redis visibility timeout).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, **globals().get("CELERY_BROKER_TRANSPORT_OPTIONS", {})}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The console e-mail backend prints to stdout: keep it readable in `make run` instead of logging each line.
CELERY_WORKER_REDIRECT_STDOUTS = False

# The tabu search's budget for the groupes pluridisciplinaires (empty: scaled to the promotion's size).
GROUPES_ITERATIONS = env.int("GROUPES_ITERATIONS", default=None)

# The public site's content is published under the Licence Ouverte 2.0; the export says so.
OPEN_DATA_LICENCE = "Licence Ouverte / Open Licence version 2.0 (Etalab)"
OPEN_DATA_LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs each step of each PDF (and of its default style sheets, at import) at INFO.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
