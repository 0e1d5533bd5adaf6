"""The site's URLconf plus ``/_bench/floor/``: the cheapest possible answer behind the same
middleware (sessions, authentication, language, CSP...), the floor every page is compared
with in `make bench`."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import include, path

FLOOR_PATH = "/_bench/floor/"


@login_not_required
def floor(request):
    return HttpResponse("ok")


urlpatterns = [
    path(FLOOR_PATH.strip("/") + "/", floor, name="bench-floor"),
    path("", include("intranet.urls")),
]
