"""Ruggensteun settings: one module, every value from the environment.

Every variable read here is documented in docs/configuration.md (a test enforces it).
Safe defaults: DEBUG is off unless set, and without DEBUG the app refuses to start
without a SECRET_KEY.
"""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

django_stubs_ext.monkeypatch()  # lets admin and DRF classes take type arguments at run time

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _email_settings(url: str) -> tuple[str, str, int, str, str, bool, bool]:
    parts = urlsplit(url)
    if parts.scheme == "console":
        return ("django.core.mail.backends.console.EmailBackend", "", 0, "", "", False, False)
    if parts.scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start with smtp://, smtps:// or console://, not {url!r}"
        )
    secure = parts.scheme == "smtps"
    return (
        "django.core.mail.backends.smtp.EmailBackend",
        parts.hostname or "localhost",
        parts.port or (465 if secure else 587 if parts.username else 25),
        unquote(parts.username or ""),
        unquote(parts.password or ""),
        not secure and bool(parts.username),
        secure,
    )


def _proxy_ssl_header(name: str) -> tuple[str, str] | None:
    """`X-Forwarded-Proto` → Django's ("HTTP_X_FORWARDED_PROTO", "https"); empty → None."""
    if not name:
        return None
    if not all(part.isalnum() for part in name.split("-")):
        raise ImproperlyConfigured(f"SECURE_PROXY_SSL_HEADER must be a header name, not {name!r}")
    return ("HTTP_" + name.upper().replace("-", "_"), "https")


DEBUG = _env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (see docs/configuration.md), "
            "or set DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", "")

# Where the shipped public data lives (a copy of ../shared/data kept in the repository).
DATA_DIR = Path(os.environ.get("RUGGENSTEUN_DATA_DIR", str(PROJECT_DIR / "data")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ruggensteun.accounts",
    "ruggensteun.audit",
    "ruggensteun.imports",
    "ruggensteun.areas",
    "ruggensteun.monitor",
    "ruggensteun.signals",
    "ruggensteun.practices",
    "ruggensteun.seedfund",
    "ruggensteun.reports",
    "ruggensteun.demo",
    "ruggensteun.pages",
    "ruggensteun.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "ruggensteun.web.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ruggensteun.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ruggensteun.web.middleware.NoStoreMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ruggensteun.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# The largest file one upload or command-line import may be: the importers check it
# (`imports.limits.MAX_FILE_BYTES`), and the request size guard refuses larger bodies before
# they are read (`web.middleware.RequestSizeLimitMiddleware`).
UPLOAD_MAX_BYTES = 20 * 1024 * 1024

ROOT_URLCONF = "ruggensteun.urls"
WSGI_APPLICATION = "ruggensteun.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ruggensteun.accounts.context_processors.permissions",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'var' / 'ruggensteun.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and a writer work side by side; the timeout rides out short write locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["ruggensteun.accounts.backends.RoleBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = PROJECT_DIR / "var" / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day; log in again after that
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_REFERRER_POLICY = "same-origin"
PASSWORD_RESET_TIMEOUT = 2 * 60 * 60
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# HTTPS (issue 12, finding 16). Behind a TLS-terminating proxy the app sees plain HTTP: name the
# header the proxy sets (X-Forwarded-Proto) and it believes the proxy. Only with a proxy that
# always overwrites that header: otherwise any client could claim HTTPS.
SECURE_PROXY_SSL_HEADER = _proxy_ssl_header(os.environ.get("SECURE_PROXY_SSL_HEADER", ""))
# Redirect plain HTTP to HTTPS once the app can tell them apart (a proxy header as above, or
# SECURE_SSL_REDIRECT=1 when the app server speaks TLS itself). Without that, a redirect would
# loop behind a proxy, and the test client (plain HTTP) would be redirected on every request.
SECURE_SSL_REDIRECT = _env_bool(
    "SECURE_SSL_REDIRECT", not DEBUG and SECURE_PROXY_SSL_HEADER is not None
)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # load balancers probe over plain HTTP
# Browsers remember for a year to use HTTPS only (sent on HTTPS answers only, never with DEBUG).
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 60 * 60))
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True

# Content-Security-Policy (django-csp): scripts and styles from this origin only, no inline
# script, no eval. Issue 12 finding 1; SECURITY.md explains each directive.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Two-factor authentication (django-otp, TOTP): the issuer name shown in authenticator apps.
OTP_TOTP_ISSUER = "Ruggensteun"
# Beheerder, programmateam and need-to-know roles must confirm a TOTP code after the password.
# Off only for local development (`make run` sets DEBUG), so the demo logins stay usable.
TWO_FACTOR_REQUIRED = _env_bool("TWO_FACTOR_REQUIRED", not DEBUG)

# Addresses of reverse proxies whose X-Forwarded-For the app believes (for the login throttle per
# address); empty means the app is reached directly and REMOTE_ADDR is the client.
TRUSTED_PROXIES = _env_list("TRUSTED_PROXIES", "")

# E-mail: EMAIL_URL like smtp://user:password@host:587 (STARTTLS), smtps://... (TLS) or console://.
(
    EMAIL_BACKEND,
    EMAIL_HOST,
    EMAIL_PORT,
    EMAIL_HOST_USER,
    EMAIL_HOST_PASSWORD,
    EMAIL_USE_TLS,
    EMAIL_USE_SSL,
) = _email_settings(os.environ.get("EMAIL_URL", "console://" if DEBUG else "smtp://localhost:25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Ruggensteun <noreply@localhost>")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "ruggensteun.web.openapi.ErrorDocumentingAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "ruggensteun.web.pagination.StrictPageNumberPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Ruggensteun API",
    "DESCRIPTION": "Open data of the Ruggensteun monitor: regions, focus areas and (later) "
    "indicators and comparisons. Read-only for the public.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    # No badge from validator.swagger.io: it would send the schema's address to a third party
    # (and the Content-Security-Policy allows images from this origin only).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "LICENSE": {"name": "EUPL-1.2"},
}

# Rendered monitor fragments are cached per results version (pages change only on a recompute).
# Per process by default; REDIS_URL shares the cache between app servers.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
    if not os.environ.get("REDIS_URL")
    else {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
