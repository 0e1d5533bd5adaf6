from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet.core.permissions import network_staff_required
from intranet.core.roles import is_coordinator

from ..documents import sessions_calendar
from ..models import Booking, TrainingSession
from ..services import booking as bookings
from ..services.errors import TrainingError
from . import paginate


@network_staff_required
def session_list(request):
    past = request.GET.get("when") == "past"
    now = timezone.now()
    sessions = bookings.sessions_with_counts()
    sessions = (
        sessions.filter(starts_at__lte=now).order_by("-starts_at")
        if past
        else sessions.filter(starts_at__gt=now).order_by("starts_at")
    )
    page_obj = paginate(request, sessions)
    page_obj.object_list = bookings.mark_my_bookings(page_obj.object_list, request.user)
    return render(
        request,
        "training/session_list.html",
        {"page_title": _("Training sessions"), "page_obj": page_obj, "past": past},
    )


@network_staff_required
def session_detail(request, pk):
    session = get_object_or_404(bookings.sessions_with_counts(), pk=pk)
    booking = bookings.active_booking(session, request.user)
    session_day = timezone.localtime(session.starts_at).date()
    return render(
        request,
        "training/session_detail.html",
        {
            "page_title": session.display_title,
            "session": session,
            "booking": booking,
            "waiting_position": bookings.waiting_position(booking) if booking else None,
            "seats_left": max(session.capacity - session.booked_count, 0),
            "waitlist_count": bookings.waiting_count(session),
            "can_manage": is_coordinator(request.user),
            "session_day": session_day,
            "office_hours_label": _("Open on the session's day:"),
            "office_hours_that_day": session.office.hours_on(session_day) if session.office else "",
        },
    )


@network_staff_required
def session_ics(request, pk):
    """One session as an iCalendar file, to add to one's own calendar in a tap."""
    session = get_object_or_404(TrainingSession.objects.select_related("module", "office"), pk=pk)
    response = HttpResponse(
        sessions_calendar([session], session.display_title),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="training-session-{session.pk}.ics"'
    return response


@require_POST
@network_staff_required
def session_book(request, pk):
    get_object_or_404(TrainingSession, pk=pk)
    try:
        booking = bookings.book_session(request.user, pk)
    except TrainingError as error:
        messages.error(request, str(error))
    else:
        if booking.status == Booking.Status.BOOKED:
            messages.success(
                request, _("Your place is booked. A confirmation is on its way by email.")
            )
        else:
            messages.warning(
                request,
                _(
                    "The session is full: you are on the waiting list and will get an email "
                    "if a place frees up."
                ),
            )
    return redirect("training:session-detail", pk=pk)


@require_POST
@network_staff_required
def session_cancel(request, pk):
    get_object_or_404(TrainingSession, pk=pk)
    try:
        bookings.cancel_booking(request.user, pk)
    except TrainingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your booking is cancelled."))
    return redirect("training:session-detail", pk=pk)
