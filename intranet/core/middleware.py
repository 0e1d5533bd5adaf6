import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Site

from csp.middleware import CSPMiddleware

from . import partner_scope
from .caching import remember
from .roles import is_partner

LAST_SEEN_KEY = "intranet_last_seen"


class PreferredLanguageMiddleware:
    """Portuguese unless the person chose another language with the switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an intranet
    opened on an English-language phone would switch away from the network's language.
    Here only the explicit choice (the language cookie set by ``set_language``) counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class CachedSiteMiddleware:
    """The Wagtail site of the request (and its home page) from the cache.

    Wagtail looks the site up on every request and keeps it on ``request._wagtail_site``;
    sites and the home page change rarely, and any change moves the content generation
    (intranet.core.caching), so a request normally runs no query for them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host, port = request._get_raw_host(), request.get_port()

        def find():
            site = Site._find_for_request(request)
            if site is not None:
                site.root_page = site.root_page.specific  # routing starts from it
            return site

        request._wagtail_site = remember(f"site:{host}:{port}", find, request=request)
        return self.get_response(request)


class PartnerScopeMiddleware:
    """Default deny for partners: outside what ``intranet.core.partner_scope`` allows (fixed
    prefixes, the directory's views, the sections open to partners wherever they are) a
    logged-in partner gets 403, whatever view would answer, and "/" sends them to the
    directory. Pages and search are filtered further by intranet.core.visibility; this is
    the guard for every other view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and is_partner(user):
            if request.path_info == "/":
                landing = partner_scope.landing_url()
                if landing is None:
                    raise PermissionDenied
                return redirect(landing)
            if not partner_scope.may_open(request.path_info):
                raise PermissionDenied
        return self.get_response(request)


class RejectNulCharactersMiddleware:
    """400 for a query string or form field holding a NUL character.

    No form or link of the intranet sends one, and PostgreSQL refuses NUL in text, so a
    ``?token=%00`` reaching a query would be a 500. One check here rather than in every
    view that reads a parameter.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sources = [request.GET, request.POST] if request.method == "POST" else [request.GET]
        for data in sources:
            for key, values in data.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    return HttpResponseBadRequest(
                        _("This address or form holds a character that is not allowed."),
                        content_type="text/plain; charset=utf-8",
                    )
        return self.get_response(request)


class IdleSessionMiddleware:
    """Log a person out after SESSION_IDLE_TIMEOUT seconds without a request.

    The session's expiry slides with activity, but it is written at most once a minute
    (SESSION_SAVE_EVERY_REQUEST would write the session on every request). A session
    found idle for longer than the timeout is ended and the person sent to log in again.
    """

    REFRESH_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            timeout = settings.SESSION_IDLE_TIMEOUT
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY, now)
            if now - last_seen > timeout:
                logout(request)
                messages.info(request, _("You were logged out after a long time without activity."))
                return redirect_to_login(request.get_full_path())
            if now - last_seen >= self.REFRESH_SECONDS or LAST_SEEN_KEY not in request.session:
                request.session[LAST_SEEN_KEY] = now
                request.session.set_expiry(timeout)
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with the strict policy of the settings everywhere, and the relaxations
    the Wagtail admin needs (``CSP_ADMIN_RELAXATIONS``) under its prefix only: its editors
    set inline styles and show images from data: and blob: URLs."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(settings.CSP_ADMIN_PREFIX):
            parts.update = {**(parts.update or {}), **settings.CSP_ADMIN_RELAXATIONS}
        return parts
