"""Field mode: the intranet as an installable web app that keeps working without a signal.

The core serves the web manifest (``/manifest.webmanifest``) and the service worker
(``/sw.js``, at the site root so its scope is the whole site) and tells each page which of
the signed-in person's pages the worker keeps for offline use. It knows no feature: apps
register their offline pages with the hook ``register_offline_pages``:

    @hooks.register("register_offline_pages")
    def enquiry_pages(request):
        return [OfflinePage(url=reverse("enquiries:enquiry-new"), title=_("Log an enquiry"))]

A hook returns the pages ``request.user`` may open (empty list: none). The worker keeps them
in one cache named after the person (``device_key``), drops any other person's cache when
it fills its own, never keeps anything under ``/admin/``, and keeps static files only when
they are not marked private. What a feature does offline (the enquiry queue, the saved
directory) is its own business; ``static/js/field-mode.js`` holds the shared browser side.
"""

import functools
import hashlib
import json
from dataclasses import asdict, dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail import hooks

HOOK_NAME = "register_offline_pages"
THEME_COLOUR = "#0b5d4b"  # --green in static/css/intranet.css
BACKGROUND_COLOUR = "#f6f7f4"  # --bg

# What the pages kept offline need (base.html's and their own files); the worker stores
# them when it installs.
STATIC_FILES = [
    "css/intranet.css",
    "css/enquiries.css",
    "css/network.css",
    "js/field-mode.js",
    "js/header.js",
    "js/answer-at-hand.js",
    "img/logo.svg",
    "img/icons.svg",
    "img/favicon.svg",
    "img/icon-192.png",
]
ICONS = [
    ("img/icon-192.png", "192x192", "image/png", "any"),
    ("img/icon-512.png", "512x512", "image/png", "any"),
    ("img/icon-maskable-512.png", "512x512", "image/png", "maskable"),
]


@dataclass(frozen=True)
class OfflinePage:
    url: str  # a path on this site, without query string
    title: str


def device_key(user) -> str:
    """An opaque name for the person's offline copies on a device: the same person gets the
    same key, and it says nothing about who they are."""
    return salted_hmac("intranet.field-mode", str(user.pk)).hexdigest()[:20]


def offline_pages(request: HttpRequest) -> list[OfflinePage]:
    pages: list[OfflinePage] = []
    for fn in hooks.get_hooks(HOOK_NAME):
        for page in fn(request) or []:
            if page.url.startswith("/") and not page.url.startswith(settings.CSP_ADMIN_PREFIX):
                pages.append(OfflinePage(url=page.url, title=str(page.title)))
    return pages


def page_config(request: HttpRequest) -> dict | None:
    """What ``field-mode.js`` needs on a page of a signed-in person (``json_script``)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return {
        "user": device_key(user),
        # Changes at each log-in, so the pages kept for offline use are fetched again.
        "session": salted_hmac(
            "intranet.field-mode.session", request.session.session_key or ""
        ).hexdigest()[:12],
        "language": getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        "worker": "/sw.js",
        "pages": [asdict(page) for page in offline_pages(request)],
        "logout_confirm": _(
            "%(count)s entries are still waiting to be sent from this device. If you log out "
            "now they are deleted. Log out anyway?"
        ),
    }


def _version(files: list[str]) -> str:
    """Changes whenever a precached file or the worker itself changes, so that browsers
    install the new worker and refill the static cache. Browsers ask for the worker on
    every visit: outside development the files only change with a new release (a
    restart), so each process works the answer out once."""
    if settings.DEBUG:
        return _hash_files(tuple(files))
    return _hash_files_once(tuple(files))


def _hash_files(files: tuple[str, ...]) -> str:
    digest = hashlib.sha256(render_to_string("core/service_worker.js", {}).encode())
    for name in files:
        path = finders.find(name)
        if path:
            with open(path, "rb") as handle:
                digest.update(handle.read())
        digest.update(static(name).encode())
    return digest.hexdigest()[:16]


_hash_files_once = functools.lru_cache(maxsize=4)(_hash_files)


@login_not_required
@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The worker's script. Open without a login: it holds nothing personal, and browsers
    check it for updates even after the person has logged out."""
    static_urls = [static(name) for name in STATIC_FILES]
    fallback = {
        "lang": getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        "title": _("No connection"),
        "text": _("This page is not saved on this device. These pages work without a connection:"),
        "none": _("Open the intranet once with a connection to keep your pages here."),
        "stylesheet": static("css/intranet.css"),
    }
    body = render_to_string(
        "core/service_worker.js",
        {
            "config": json.dumps(
                {
                    "version": _version(STATIC_FILES),
                    "static_url": settings.STATIC_URL,
                    "static_files": static_urls,
                    "admin_prefix": settings.CSP_ADMIN_PREFIX,
                    "fallback": fallback,
                },
                ensure_ascii=True,
            )
        },
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    response["Vary"] = "Cookie"
    return response


@login_not_required
@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest: name, icons, colours. Browsers fetch it without cookies, so
    it is open and the same for everyone (in Portuguese, the network's language)."""
    with translation.override("pt-pt"):
        description = _("Intranet of the network of support offices for migrants.")
    data = {
        "name": "Sem Fronteiras — intranet",
        "short_name": "Sem Fronteiras",
        "description": description,
        "lang": "pt-PT",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static(path), "sizes": sizes, "type": kind, "purpose": purpose}
            for path, sizes, kind, purpose in ICONS
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    response["Cache-Control"] = "public, max-age=86400"
    return response
