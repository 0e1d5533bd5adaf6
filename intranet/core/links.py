"""Absolute links (e-mails, calendar files, CSV and vCard link columns, feed addresses)
from one setting, ``INTRANET_BASE_URL`` (README, "Configuration").

When it is empty (development), the address comes from the request being answered: its
scheme and host (a host Django accepted through ALLOWED_HOSTS), so links work on whatever
host and port the site is served. ``RequestBaseUrlMiddleware`` remembers it for the
request, so e-mails queued while answering it (immediate tasks in development) use it too;
work with no request at all (cron jobs, the production task worker) falls back to
``WAGTAILADMIN_BASE_URL``, which the settings derive from the same variable.
"""

from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest

_request_base: ContextVar[str] = ContextVar("intranet_request_base_url", default="")


def base_url(request: HttpRequest | None = None) -> str:
    """The site's address without a trailing slash: "https://intranet.example.pt"."""
    configured = getattr(settings, "INTRANET_BASE_URL", "")
    if configured:
        return configured.rstrip("/")
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return (_request_base.get() or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def absolute_url(path: str, request: HttpRequest | None = None) -> str:
    """``path`` ("/training/sessions/3/") as a full address; full addresses pass through."""
    if path.startswith(("http://", "https://")):
        return path
    return base_url(request) + path


class RequestBaseUrlMiddleware:
    """Remembers the address of the request being answered, for links built without it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_base.set(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            _request_base.reset(token)
