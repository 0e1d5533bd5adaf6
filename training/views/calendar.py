from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from intranet.core.links import absolute_url
from intranet.core.permissions import network_staff_required
from intranet.core.tokens import current_token, issue_token, token_or_session

from ..documents import sessions_calendar
from ..models import CALENDAR_PURPOSE
from ..services.booking import calendar_sessions, my_sessions


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@token_or_session(CALENDAR_PURPOSE)
def my_sessions_ics(request, person):
    name = _("My training sessions") + f" — {person.get_full_name() or person.get_username()}"
    return _ics_response(sessions_calendar(my_sessions(person), name), "my-sessions.ics")


@token_or_session(CALENDAR_PURPOSE)
def all_sessions_ics(request, person):
    return _ics_response(
        sessions_calendar(calendar_sessions(), _("Training sessions")), "training-sessions.ics"
    )


@network_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def calendar_feeds(request):
    """The person's calendar addresses; made (or changed, if one leaked) by a POST."""
    if request.method == "POST":
        had_one = current_token(request.user, CALENDAR_PURPOSE) is not None
        issue_token(request.user, CALENDAR_PURPOSE)
        if had_one:
            messages.success(request, _("New feed addresses created; the old ones no longer work."))
        else:
            messages.success(request, _("Your calendar addresses are ready."))
        return redirect("training:calendar")
    token = current_token(request.user, CALENDAR_PURPOSE)
    context = {"page_title": _("Calendar feeds"), "token": token}
    if token is not None:
        query = f"?token={token.token}"
        context["my_feed"] = absolute_url(reverse("training:my-sessions-ics"), request) + query
        context["all_feed"] = absolute_url(reverse("training:sessions-ics"), request) + query
    return render(request, "training/calendar_feeds.html", context)
