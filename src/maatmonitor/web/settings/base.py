"""Settings shared by every environment.

Only secrets and URLs come from the environment (DATABASE_URL, SECRET_KEY, ...); everything else is code.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # src/maatmonitor
PROJECT_DIR = PACKAGE_DIR.parents[1]
VAR_DIR = Path(os.environ.get("MAATMONITOR_VAR_DIR", PROJECT_DIR / "var"))

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "maatmonitor.apps.accounts",
    "maatmonitor.apps.instruments",
    "maatmonitor.apps.waves",
    "maatmonitor.apps.fieldwork",
    "maatmonitor.apps.followup",
    "maatmonitor.apps.dashboards",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "maatmonitor.apps.results",
    "maatmonitor.apps.stories",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "maatmonitor.apps.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "maatmonitor.web.middleware.RejectNulInQueryMiddleware",
    "maatmonitor.apps.fieldwork.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "maatmonitor.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "maatmonitor.web.urls"
WSGI_APPLICATION = "maatmonitor.web.wsgi.application"
ASGI_APPLICATION = "maatmonitor.web.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def database_from_env(default_sqlite: Path) -> dict[str, object]:
    """DATABASE_URL when set, else the embedded SQLite file in WAL mode."""
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{default_sqlite}"
    config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        Path(str(config["NAME"])).parent.mkdir(parents=True, exist_ok=True)
        # WAL lets the web server read while a background worker writes; IMMEDIATE avoids
        # "database is locked" upgrades from read to write inside a transaction.
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
            "transaction_mode": "IMMEDIATE",
        }
    return config


DATABASES = {"default": database_from_env(VAR_DIR / "maatmonitor.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"

# Where the shipped questionnaires live; the demo and the import command read them from here.
INSTRUMENT_DIR = PACKAGE_DIR / "core" / "instrument" / "questionnaires"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"maatmonitor": {"level": "INFO"}},
}
STATICFILES_DIRS = [PACKAGE_DIR / "web" / "static"]
# NL Design System CSS and its font, served from node_modules (make node_modules/.installed); no CDN.
NODE_MODULES = PROJECT_DIR / "node_modules"
STATICFILES_DIRS += [
    (prefix, NODE_MODULES / folder)
    for prefix, folder in (
        ("nlds/utrecht", "@utrecht/component-library-css/dist"),
        ("nlds/tokens", "@utrecht/design-tokens/dist"),
        ("nlds/noto-sans", "@fontsource-variable/noto-sans"),
        # Vega-Lite charts of the dashboards (same specs as the reports), drawn by vega-embed.
        ("vega/vega", "vega/build"),
        ("vega/vega-lite", "vega-lite/build"),
        ("vega/vega-embed", "vega-embed/build"),
    )
    if (NODE_MODULES / folder).is_dir()
]
# Personal codes are derived and hashed with this key (apps.fieldwork.codes); SECRET_KEY if unset.
FIELDWORK_CODE_KEY = os.environ.get("FIELDWORK_CODE_KEY", "")
# Background jobs (sending invitations, letter batches) through django-tasks. The locked
# django-tasks 0.12 ships no database backend (it moved to the django-tasks-db package, not yet
# locked), so jobs run in-process; their progress lives in waves.WaveJob whatever the backend.
# A real queue in the database (SQLite and PostgreSQL alike): `manage.py db_worker` runs the jobs;
# `make serve` starts one beside the web server. Tests run tasks inline (settings/test.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Where respondents go: the personal link and the short address printed in letters.
PUBLIC_URL = os.environ.get("MAATMONITOR_PUBLIC_URL", "http://127.0.0.1:8000")
FIELDWORK_FROM_EMAIL = "Menselijke Maat Monitor <monitor@example.invalid>"
LOGIN_URL = "login"
# Lockout after repeated failed logins per username and address (apps.accounts.backends).
AUTHENTICATION_BACKENDS = ["maatmonitor.apps.accounts.backends.LockoutModelBackend"]
# Service-level terms of signals (working days skip weekends and Dutch public holidays).
FOLLOWUP_SLA = {"acknowledge_working_days": 1, "assess_working_days": 3, "resolve_days": 21}
# Contact details of a helped or closed signal are removed after this many days.
FOLLOWUP_CONTACT_RETENTION_DAYS = 90
# REST API (apps.api, docs/api/README.md): token or session, the same roles as the pages.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Menselijke Maat Monitor API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "SignalStatusEnum": "maatmonitor.apps.followup.constants.SignalStatus",
        "InitiativeStatusEnum": "maatmonitor.apps.followup.constants.InitiativeStatus",
    },
}
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
