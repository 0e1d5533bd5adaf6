from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import translation

from . import partner_scope
from .roles import is_partner


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
