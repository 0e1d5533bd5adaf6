"""The login-throttling backend for the test settings.

django-axes refuses ``authenticate()`` calls without a request. The web's login forms
always pass one (and are throttled as in production), but the test client's
``Client.login()`` and Wagtail's ``WagtailTestUtils.login()`` call ``authenticate()``
without any: those are let through to the next backend here, in tests only. Like
``AxesBackend`` it also answers ``get_user`` (Wagtail's test helpers log in with the first
backend), from the cache as in production (``CachedUserMixin``), so every test that
logs in goes through the cached lookup.
"""

from axes.backends import AxesBackend

from intranet.core.auth_backends import CachedUserMixin


class AxesBackendAllowingTestClient(CachedUserMixin, AxesBackend):
    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
