"""One settings module, driven by environment variables.

SQLite under ``var/`` is the default; ``DATABASE_URL=postgres://…`` switches to PostgreSQL and
``REDIS_URL`` moves the background queue to Redis. Every number taken from the seed procedures
lives in ``CSC`` at the bottom with the seed's value as its default.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from csc import keys

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("CSC_VAR_DIR", PROJECT_DIR / "var"))
# The embedded database and queue live here; they must be creatable at import time.
VAR_DIR.mkdir(parents=True, exist_ok=True)


def envbool(name, default=False):
    """Return the environment variable as a bool ('1', 'true', 'yes', 'on' are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name, default):
    """Return the environment variable as an int, or the default."""
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def database_from_url(url):
    """Return a Django DATABASES entry for a postgres:// or sqlite:// URL."""
    parts = urlparse(url)
    if parts.scheme in ("postgres", "postgresql"):
        options = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        # No JIT: it compiles the year aggregates of the KPI pages and survey scoring for
        # longer than they run (0.1-2 s each), and nothing here scans enough to gain from it.
        options["options"] = " ".join(filter(None, [options.get("options", ""), "-c jit=off"]))
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": envint("CSC_CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
        }
    if parts.scheme == "sqlite":
        return sqlite_database(Path(unquote(parts.path)))
    raise ValueError(f"DATABASE_URL scheme {parts.scheme!r} is not supported")


def sqlite_database(path):
    """Return a SQLite entry tuned for a small multi-process server (WAL, immediate writes)."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            # Writers take the lock at BEGIN, so two requests never deadlock on an upgrade.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000; PRAGMA cache_size=-64000;"
            ),
        },
        # Kept open across requests, as PostgreSQL's: a new connection per request ran the
        # pragmas again and began with an empty page cache (every page read the file anew).
        "CONN_MAX_AGE": envint("CSC_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"NAME": os.environ.get("CSC_TEST_SQLITE", None)},
    }


DEBUG = envbool("CSC_DEBUG", False)
DATABASE_URL = os.environ.get("DATABASE_URL", "")
# Production: a server database without debug. It never runs on generated or constant keys.
PRODUCTION = envbool("CSC_PRODUCTION", bool(DATABASE_URL) and not DEBUG)
# Bank accounts and personal data are encrypted with the field key (SEC-2); keep it with the
# backups. Previous field keys still decrypt until `csc rotate_field_key` re-encrypts.
SECRET_KEY, FIELD_ENCRYPTION_KEY, PREVIOUS_FIELD_KEYS = keys.instance_keys(
    os.environ,
    VAR_DIR,
    production=PRODUCTION,
    database_exists=not DATABASE_URL and (VAR_DIR / "csc.sqlite3").exists(),
)
ALLOWED_HOSTS = [h for h in os.environ.get("CSC_ALLOWED_HOSTS", "*").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSC_TRUSTED_ORIGINS", "").split(",") if o]
SITE_URL = os.environ.get("CSC_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "huey.contrib.djhuey",
    "csc.core",
    "csc.customers",
    "csc.orders",
    "csc.property",
    "csc.complaints",
    "csc.service",
    "csc.capa",
    "csc.surveys",
    "csc.aftersales",
    "csc.recalls",
    "csc.retention",
    "csc.kpi",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csc.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "csc.core.middleware.RequestIdMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "csc.core.middleware.UserLanguageMiddleware",
    "csc.core.middleware.RequestGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "csc.urls"
WSGI_APPLICATION = "csc.wsgi.application"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

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
                "django.template.context_processors.i18n",
                "csc.core.context_processors.navigation",
                "csc.core.context_processors.demo_loading",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(DATABASE_URL)
    if DATABASE_URL
    else sqlite_database(VAR_DIR / "csc.sqlite3")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Backups keep the microseconds of every time (Django's JSON cuts them to milliseconds).
SERIALIZATION_MODULES = {"csc_json": "csc.core.serialization"}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if envbool("CSC_FAST_HASHER"):
    # Test runs create hundreds of users; argon2 would dominate their time.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("CSC_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.5  # hours; core/locked.html says “half an hour”
# Lock the account at the address it was attacked from: a factory's staff share one office IP
# behind NAT (so not the address alone), and a stranger elsewhere must not be able to lock
# admin out with five bad passwords (so not the name alone). Admins unlock in the admin
# (Axes › Access attempts) or with `csc axes_reset_username NAME`.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_ENABLED = envbool("CSC_AXES", True)
AXES_LOCKOUT_TEMPLATE = "core/locked.html"  # translated, unlike axes' own message

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("CSC_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = Path(os.environ.get("CSC_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"  # never served directly: downloads go through permission checks
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
# Served over HTTPS (the site URL says so): cookies never travel in clear, browsers keep to
# HTTPS (HSTS). Behind a TLS proxy, CSC_BEHIND_PROXY trusts its X-Forwarded-Proto header.
HTTPS = SITE_URL.startswith("https://")
SESSION_COOKIE_SECURE = envbool("CSC_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = envint("CSC_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS else 0)
if envbool("CSC_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("CSC_SMTP_HOST", "127.0.0.1")
EMAIL_PORT = envint("CSC_SMTP_PORT", 25)
EMAIL_HOST_USER = os.environ.get("CSC_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("CSC_SMTP_PASSWORD", "")
EMAIL_USE_TLS = envbool("CSC_SMTP_TLS", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("CSC_MAIL_FROM", "CSC <csc@localhost>")

REDIS_URL = os.environ.get("REDIS_URL", "")
HUEY = {
    # Two installations (or two test runs) sharing one Redis keep their queues apart by name.
    "name": os.environ.get("CSC_HUEY_NAME", "csc"),
    "immediate": envbool("CSC_HUEY_IMMEDIATE", False),
    "utc": True,
    "consumer": {"workers": envint("CSC_WORKERS", 2), "worker_type": "thread", "periodic": True},
}
if REDIS_URL:
    HUEY |= {"huey_class": "huey.RedisHuey", "url": REDIS_URL}
else:
    HUEY |= {"huey_class": "huey.SqliteHuey", "filename": str(VAR_DIR / "huey.sqlite3")}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "csc.core.apiconf.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["csc.core.apiconf.RestrictedPermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "csc.core.filters.FilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "csc.core.apiconf.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "csc.core.apiconf.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "csc.core.schema.AutoSchema",
    "EXCEPTION_HANDLER": "csc.core.apiconf.exception_handler",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CSC API",
    "DESCRIPTION": "Customer Service Control System REST API (v1)",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "csc.core.schema.document_refusals",
    ],
    # The schema maps every collection: only users see it unless the site chooses otherwise.
    "SERVE_PERMISSIONS": [
        "rest_framework.permissions.AllowAny"
        if envbool("CSC_PUBLIC_API_DOCS")
        else "rest_framework.permissions.IsAuthenticated"
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CSC_LOG_LEVEL", "WARNING")},
}

# The numbers of the seed procedures, each with the seed's value as default (SPEC.md).
CSC = {
    "COMPANY_NAME": os.environ.get("CSC_COMPANY_NAME", "示例制造有限公司"),
    # Where core.pdffonts keeps the PDF fonts it derives, once, from the installed font files.
    "PDF_FONT_CACHE": Path(os.environ.get("CSC_PDF_FONT_CACHE", VAR_DIR / "cache" / "fonts")),
    # Working calendar (ARCHITECTURE rule 7): Monday=0 … Sunday=6.
    "WORK_WEEKDAYS": [0, 1, 2, 3, 4],
    "WORK_HOURS": os.environ.get("CSC_WORK_HOURS", "08:30-12:00,13:00-17:30"),
    # Credit levels (S1 4.2.2): level I is a credit period of at most 30 days.
    "CREDIT_LEVEL_I_MAX_DAYS": 30,
    # Attachments: size cap and the content types accepted (checked by content).
    "ATTACHMENT_MAX_BYTES": envint("CSC_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024),
    "ATTACHMENT_TYPES": [
        "application/pdf",
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "application/zip",
        "text/plain",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ],
    # Outbox: a claimed e-mail whose worker died is retried after this many minutes.
    "OUTBOX_STALE_MINUTES": 10,
    "OUTBOX_MAX_ATTEMPTS": 8,
    # Retry waits double from this many minutes (1, 2, 4 … capped at 4 h): about 4 h in all.
    "OUTBOX_RETRY_MINUTES": 1,
    # Retention (REC-2), in years; None keeps the record permanently.
    "RETENTION_YEARS": {"customer": None},
    # The largest request body accepted (413 beyond): an attachment plus its form, with room.
    "REQUEST_MAX_BYTES": envint("CSC_REQUEST_MAX_BYTES", 32 * 1024 * 1024),
    # API JSON bodies: their size and how deeply objects and lists may nest.
    "API_JSON_MAX_BYTES": envint("CSC_API_JSON_MAX_BYTES", 2 * 1024 * 1024),
    "API_JSON_MAX_DEPTH": 32,
    # Free text (notes, descriptions) without a limit of its own, in characters.
    "TEXT_MAX_LENGTH": envint("CSC_TEXT_MAX_LENGTH", 10_000),
    # API tokens stop working this many days after they were issued (0: never).
    "API_TOKEN_DAYS": envint("CSC_API_TOKEN_DAYS", 90),
    # Imports (CUS-5): the largest workbook accepted.
    "IMPORT_MAX_ROWS": 100_000,
    # Checked before a workbook is parsed, so a hostile file (a zip bomb, a sheet of a million
    # empty columns) is refused in milliseconds instead of holding the worker for minutes.
    "IMPORT_MAX_BYTES": envint("CSC_IMPORT_MAX_BYTES", 20 * 1024 * 1024),
    "IMPORT_MAX_UNPACKED_BYTES": envint("CSC_IMPORT_MAX_UNPACKED_BYTES", 200 * 1024 * 1024),
    "IMPORT_MAX_COLUMNS": 50,
    "IMPORT_MAX_CELL_LENGTH": 2000,
    # Background jobs: how long a page waits for a short job before showing its progress
    # instead, and how many rows go between two progress updates.
    "JOB_WAIT_SECONDS": 2.0,
    "JOB_PROGRESS_EVERY": 5000,
}
