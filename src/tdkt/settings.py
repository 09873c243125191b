"""Settings for tdkt. Every value a deployment changes comes from a TDKT_* environment variable
(see .env.example); the defaults give a working laptop install on SQLite."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from tdkt.config import env, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env("TDKT_DATA_DIR", str(Path.cwd() / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("TDKT_DEBUG", False)


def _secret_key() -> str:
    configured = env("TDKT_SECRET_KEY")
    if configured:
        return configured
    if env_bool("TDKT_PRODUCTION", False):
        raise ImproperlyConfigured("TDKT_SECRET_KEY must be set in production (TDKT_PRODUCTION=1).")
    # A laptop install keeps a generated key in its data folder, readable only by its owner.
    path = DATA_DIR / ".secret"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("TDKT_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("TDKT_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "tdkt.common",
    "tdkt.accounts",
    "tdkt.organisations",
    "tdkt.people",
    "tdkt.awards",
    "tdkt.imports",
    "tdkt.demo",
    "tdkt.rules",
    "tdkt.movements",
    "tdkt.reports",
    "tdkt.decisions",
    "tdkt.nominations",
    "tdkt.councils",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "tdkt.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tdkt.common.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tdkt.common.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "tdkt.urls"
WSGI_APPLICATION = "tdkt.wsgi.application"

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
                "tdkt.common.context_processors.tdkt",
            ],
            "builtins": ["tdkt.common.templatetags.vn"],
        },
    }
]

# Storage: SQLite by default (nothing to install), PostgreSQL in production via TDKT_DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env("TDKT_DATABASE_URL", f"sqlite:///{DATA_DIR / 'tdkt.sqlite3'}"),
        conn_max_age=env_int("TDKT_DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait for each other instead of failing with "database is locked" (as healthchecks).
    # Reads go through a memory map (address space, not memory): each connection starts with an
    # empty page cache, and a province's year report read its pages one system call at a time.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
            " PRAGMA foreign_keys=ON; PRAGMA mmap_size=1073741824;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "common:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["tdkt.formats"]

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing root
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("TDKT_MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "media/"
WHITENOISE_USE_FINDERS = True

# Uploads: an import file is read in memory up to this size, refused above it.
TDKT_MAX_UPLOAD_BYTES = env_int("TDKT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = TDKT_MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = TDKT_MAX_UPLOAD_BYTES

# Vietnamese name order: the tone order used when two names differ only by tone.
# Default: none < huyền < hỏi < ngã < sắc < nặng (the dictionary order; ICU's vi locale agrees).
TDKT_TONE_ORDER = env("TDKT_TONE_ORDER", "none,grave,hook,tilde,acute,dot")

# The year the dashboard opens on; by default the newest year with data.
TDKT_CURRENT_YEAR = env_int("TDKT_CURRENT_YEAR", 0)

# Province overrides of the legal rules: YAML files (comma-separated paths) merged over the
# regimes in tdkt/rules/regimes/ at start-up; see docs/rules.md.
TDKT_RULES_OVERRIDES = env_list("TDKT_RULES_OVERRIDES", [])

# Digital signing of decision PDFs (docs/decisions.md, "Signed PDF"): a PKCS#12 file (.p12/.pfx)
# and its password. Empty: decision PDFs are not signed. A file that cannot be opened with the
# password stops start-up (tdkt.decisions.apps).
TDKT_SIGNING_P12 = env("TDKT_SIGNING_P12", "")
TDKT_SIGNING_P12_PASSWORD = env("TDKT_SIGNING_P12_PASSWORD", "")
# The public "is this the issued PDF?" check: uploads per address within the window.
TDKT_VERIFY_UPLOADS = env_int("TDKT_VERIFY_UPLOADS", 10)
TDKT_VERIFY_WINDOW_SECONDS = env_int("TDKT_VERIFY_WINDOW_SECONDS", 600)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if env_bool("TDKT_PRODUCTION", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("TDKT_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("TDKT_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (tdkt.common.security.ContentSecurityPolicyMiddleware): every script,
# style, image and font from tdkt itself; the two inline event handlers of the pages are allowed
# by their hashes only. TDKT_CSP replaces the whole policy.
TDKT_CSP = env(
    "TDKT_CSP",
    "default-src 'self'; script-src 'self' 'unsafe-hashes'"
    " 'sha256-osjxnKEPL/pQJbFk1dKsF7PYFmTyMWGmVSiL9inhxJY='"
    " 'sha256-MguIPR6qNR8D3B+eAlK+bIRTZe8t3wkOY4B/56Me9FU=';"
    " style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:;"
    " worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self';"
    " frame-ancestors 'none'",
)

# Cache: Django's per-process memory by default. Several processes or machines must share one
# (nominations' anti-spam counters live there): TDKT_CACHE=database (run `tdkt createcachetable`
# once) or TDKT_CACHE=redis://host:6379/0 (needs the `redis` package). See docs/deployment.md.
_cache = env("TDKT_CACHE", "")
_default_cache: dict[str, Any] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
if _cache == "database":
    _default_cache = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "tdkt_cache",
    }
elif _cache.startswith(("redis://", "rediss://")):
    _default_cache = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache}
elif _cache:
    raise ImproperlyConfigured("TDKT_CACHE must be empty, 'database' or a redis:// URL.")
CACHES = {
    "default": _default_cache,
    # The dashboard's year series (reports.series_cache), in each process's memory: its many
    # entries never push the shared counters above out, and it needs no sharing to be right
    # (an entry is keyed by what it was computed from).
    "reports": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tdkt-reports",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

# Login lockout (tdkt.common.security): this many failed logins for one user name from one
# address within the window lock that pair until the window has passed.
TDKT_LOGIN_FAILURES = env_int("TDKT_LOGIN_FAILURES", 5)
TDKT_LOGIN_WINDOW_SECONDS = env_int("TDKT_LOGIN_WINDOW_SECONDS", 15 * 60)
# Behind a reverse proxy the client's address is the last one in X-Forwarded-For.
TDKT_BEHIND_PROXY = env_bool("TDKT_BEHIND_PROXY", False)

# The REST API under /api/v1/ (tdkt.api): tokens with scopes, or the browser session.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "tdkt.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["tdkt.api.permissions.ScopedAccess"],
    "DEFAULT_PAGINATION_CLASS": "tdkt.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "tdkt API",
    "DESCRIPTION": (
        "Units, people, yearly records, the award register and verdicts of tdkt. Authenticate"
        " with `Authorization: Bearer <token>` (a token made on the API tokens page); every"
        " answer is limited to the units the token's user is responsible for."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "tdkt.api.schema.add_error_responses",
    ],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"tdkt": {"handlers": ["console"], "level": env("TDKT_LOG_LEVEL", "INFO")}},
}
