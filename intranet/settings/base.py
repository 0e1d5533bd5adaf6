"""Settings shared by every environment. Safe by default: DEBUG off, no secret key."""

import os
from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("INTRANET_VAR_DIR", BASE_DIR / "var"))

DEBUG = False
# "production" makes dangerous dev-only commands (load_demo) refuse to run.
INTRANET_ENVIRONMENT = "development"
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]

INSTALLED_APPS = [
    "intranet.core",
    "intranet.people",
    "intranet.legal",
    "intranet.knowledge",
    "intranet.enquiries",
    "network",
    "training",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "intranet.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "intranet.core.middleware.CachedSiteMiddleware",
    "intranet.core.middleware.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "intranet.core.links.RequestBaseUrlMiddleware",
    "intranet.core.middleware.RejectNulCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "intranet.core.middleware.IdleSessionMiddleware",
    # Everything needs a login; open views are marked with @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "intranet.core.middleware.PartnerScopeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "intranet.urls"
WSGI_APPLICATION = "intranet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "intranet.core.context_processors.navigation",
            ],
        },
    },
    # Plain-text e-mails (intranet.core.notifications): the same templates, never
    # HTML-escaped, so "Saúde & Habitação" stays as typed in a subject or a body.
    {
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

# Persistent connections: a gunicorn worker keeps its connection between requests (opening
# one per request cost more than most pages), checked before reuse after an error.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The busy timeout makes a second writer wait instead of failing with "database is
    # locked"; IMMEDIATE takes the write lock at the start of a transaction so two writers
    # never deadlock on an upgrade. WAL and the other PRAGMAs are set once per connection
    # (intranet.core.database), not on every request.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out username and address before any password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    # ModelBackend with the signed-in user's row from the cache (intranet.core.auth_backends).
    "intranet.core.auth_backends.CachedModelBackend",
]
# Login throttling: 5 wrong passwords for one username from one address lock that pair for
# 15 minutes, whether or not the username exists (so the answer reveals nothing). The
# records are in the database, which every gunicorn worker shares. Coordinators unlock at
# /accounts/lockouts/. Successful logins are not logged (no IP addresses kept for them).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "intranet.core.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "intranet.core.throttling.client_ip"
# How many reverse proxies in front of gunicorn append to X-Forwarded-For (0: none, the
# client address is REMOTE_ADDR). Used by the login lockout and the rate limits.
INTRANET_PROXY_COUNT = int(os.environ.get("INTRANET_PROXY_COUNT", "0"))
# Rate limits for views strangers can call: (requests, seconds) per client address and per
# target (the e-mail address asked for, the certificate code checked).
RATE_LIMITS = {
    "password-reset": {"per_ip": (10, 3600), "per_target": (3, 3600)},
    "certificate-verify": {"per_ip": (30, 600), "per_target": (10, 600)},
}

# Sessions end after this many seconds without a request (default 8 hours); a new session
# id is issued at every login (Django's login() cycles the key).
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(8 * 60 * 60)))
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = None
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"

# Partners (people in partner organisations) may open only these URL prefixes, the views
# of these URL namespaces, and the sections open to partners (the directory) wherever
# editors put them: see intranet.core.partner_scope.
PARTNER_ALLOWED_URL_NAMESPACES = ["network"]
PARTNER_ALLOWED_PATHS = [
    "/accounts/",
    "/i18n/",
    "/search/",
    "/media/",
    "/documents/",
    "/static/",
    "/healthz/",
    # Field mode: the service worker and the web manifest (nothing personal in either).
    "/sw.js",
    "/manifest.webmanifest",
]

LANGUAGE_CODE = "pt-pt"
LANGUAGES = [
    ("pt-pt", _("Português")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers: one set of named formats per language (intranet/formats/).
FORMAT_MODULE_PATH = ["intranet.formats"]
TIME_ZONE = "Europe/Lisbon"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("pt-pt", "Português")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# Media is never served as plain files: everything goes through intranet.core.media,
# which checks the login and the collection's privacy.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# "default" holds sessions (in front of the database, see SESSION_ENGINE), cached page
# fragments and role lookups; "throttle" the rate-limit counters. Both must be shared by
# every gunicorn worker: Redis when REDIS_URL is set (production settings require it with
# more than one worker); otherwise memory for one process and files under var/.
# CACHE_KEY_PREFIX keeps two sites sharing one Redis apart (the benchmark uses its own).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "sf")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "throttle": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": VAR_DIR / "cache" / "throttle",
    },
}
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "intranet.core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"{CACHE_KEY_PREFIX}-{alias}",
        }
        for alias in ("default", "throttle")
    }
# Sessions are read from the cache and written to both: the database stays the record
# (intranet.core.sessions.end_sessions finds a person's sessions there) and a request
# with a session cookie costs no query.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "intranet@semfronteiras.example")

# Background work (emails, digests). Production runs a database-backed worker;
# dev and test override this with the immediate backend.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# /healthz/ reports "degraded" when a task has waited longer than this (no worker running).
TASK_BACKLOG_MINUTES = int(os.environ.get("TASK_BACKLOG_MINUTES", "15"))

# Enquiries older than this are folded into monthly counts (fold_old_enquiries).
ENQUIRY_RETENTION_YEARS = int(os.environ.get("ENQUIRY_RETENTION_YEARS", "5"))

WAGTAIL_SITE_NAME = "Sem Fronteiras"
# The site's address for absolute links (e-mails, calendar files, CSV and vCard links,
# Wagtail's own e-mails): intranet.core.links. Empty: the request's host (development);
# work without a request then uses WAGTAILADMIN_BASE_URL's default.
INTRANET_BASE_URL = os.environ.get(
    "INTRANET_BASE_URL", os.environ.get("WAGTAILADMIN_BASE_URL", "")
).rstrip("/")
WAGTAILADMIN_BASE_URL = INTRANET_BASE_URL or "http://127.0.0.1:8000"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No calls out of the machine: the admin shows initials instead of Gravatar pictures.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL full-text search with Portuguese stemming and stop words ("renovações"
    # finds "renovação"), accents folded as well ("saude" finds "Saúde"): the backend adds
    # the words with accents folded to the index (intranet.core.search_backend; the
    # unaccent extension). The index is built with it: after changing it, run update_index.
    WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "intranet.core.search_backend"
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "portuguese"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Upload limits, one set for every path (admin, rich-text editor, profile photos; see
# intranet.core.files). 40 megapixels is more than any phone takes, and stops a small
# file that decompresses into a huge image (a "decompression bomb").
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "odp", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_FINDERS = []
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
TAGGIT_CASE_INSENSITIVE = True
# Where `manage.py backup` writes its archives (docs/operations.md).
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
# Directory import (network.importing): bigger files are refused before anything is
# written; rows are written in short batches so the site stays responsive meanwhile.
DIRECTORY_IMPORT_MAX_BYTES = 5 * 1024 * 1024
DIRECTORY_IMPORT_MAX_ROWS = 5000
DIRECTORY_IMPORT_BATCH_SIZE = 50
DIRECTORY_IMPORT_PAUSE_SECONDS = 0.1
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Content-Security-Policy (django-csp): only this site's own files; no inline script or
# style anywhere on the intranet's pages (progress bars are <progress>, charts use classes).
# CSP_REPORT_ONLY=true sends it as Content-Security-Policy-Report-Only instead, to try a
# change without breaking pages (violations show in the browser's console).
_CSP = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
        # Field mode: the web manifest and the service worker, from this site only.
        "manifest-src": ["'self'"],
        "worker-src": ["'self'"],
    }
}
if os.environ.get("CSP_REPORT_ONLY", "false").lower() == "true":
    CONTENT_SECURITY_POLICY = None
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
else:
    CONTENT_SECURITY_POLICY = _CSP
# The Wagtail admin is not built for a strict policy: its page explorer and editor run
# inline scripts, its scripts set inline styles, and previews and uploads use data:/blob:
# images. Those relaxations apply under /admin/ only (people who may edit); nothing else
# is relaxed, and scripts still come only from this site.
CSP_ADMIN_PREFIX = "/admin/"
CSP_ADMIN_RELAXATIONS = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
