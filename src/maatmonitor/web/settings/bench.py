"""Settings of the load benchmark's server (benchmarks/load_respondents.py) only.

PostgreSQL via DATABASE_URL, DEBUG off, the per-IP code lockout lifted (every simulated respondent
comes from 127.0.0.1), and the bench urlconf that adds the bare one-INSERT baseline view.
Never use these settings for a real site.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    raise ImproperlyConfigured("The bench settings need DATABASE_URL=postgres://... .")

SECRET_KEY = os.environ.get("SECRET_KEY", "bench-only-not-secret")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "maatmonitor.web.urls_bench"
# One machine plays 200 respondents: the lockout would count them as one guesser.
FIELDWORK_CODE_LIMITS = {"ip": 10**9, "prefix": 10**9}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
