import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
INTRANET_ENVIRONMENT = "production"

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. Production settings need a long random secret key "
        "in the environment, e.g. "
        "DJANGO_SECRET_KEY=$(python -c 'import secrets; print(secrets.token_urlsafe(50))')"
    )
# Sessions, cached fragments and role lookups live in the "default" cache: with several
# worker processes it must be one they share, or a session ended in one worker (logging
# out, leaving the network) would live on in the memory of another.
WEB_CONCURRENCY = int(os.environ.get("WEB_CONCURRENCY", "3"))
if WEB_CONCURRENCY > 1 and not REDIS_URL:  # noqa: F405
    raise ImproperlyConfigured(
        f"REDIS_URL is not set, but WEB_CONCURRENCY is {WEB_CONCURRENCY} (3 when unset): "
        "several worker processes need a shared cache for sessions. Set REDIS_URL, e.g. "
        "REDIS_URL=redis://127.0.0.1:6379/0, or run a single worker with WEB_CONCURRENCY=1."
    )
if not ALLOWED_HOSTS:  # noqa: F405
    ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

# Served over HTTPS (behind a proxy that sets X-Forwarded-Proto). INTRANET_HTTPS=false is
# only for trying production settings on a laptop over plain HTTP (`make serve`).
HTTPS = os.environ.get("INTRANET_HTTPS", "true").lower() == "true"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = (
    int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365))) if HTTPS else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"

# Wagtail's live preview shows the page in a same-origin frame, so frames stay SAMEORIGIN
# (set in base) rather than DENY.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
