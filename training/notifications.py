"""The programme's e-mails, sent through the core's notifications (``intranet.core.
notifications``): each kind is registered below, rendered in the recipient's language
from ``templates/training/email/<kind>(_subject).txt``, and recorded once per key.

Which kinds people may switch off (/accounts/notifications/):
- always sent: booking confirmed, waiting list, a place freed for you, session cancelled.
  Each records a change to a commitment someone made (a date, a place, often a long drive
  between offices): the promotion and the cancellation e-mails are the only way a person
  learns of a change they did not make, and the confirmation is their written record.
- optional: the day-before reminder and topic-request answers; the session page and the
  topic requests page always show the same facts.

Keys: a booking round (the booking row is reused when someone books again after
cancelling, so its ``created_at`` is part of the key), a session and its date for the
reminder (a session moved to another day is reminded again), a topic request's status
change.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from intranet.core.notifications import HOOK_NAME, NotificationKind, absolute_url, notify

from .models import Booking, TopicRequest, TrainingSession

BOOKING_CONFIRMED = "training-booking-confirmed"
BOOKING_WAITLISTED = "training-booking-waitlisted"
BOOKING_PROMOTED = "training-booking-promoted"
SESSION_REMINDER = "training-session-reminder"
SESSION_CANCELLED = "training-session-cancelled"
TOPIC_REQUEST_STATUS = "training-topic-request-status"


def booking_round(booking: Booking) -> str:
    return f"booking-{booking.pk}:{int(booking.created_at.timestamp() * 1_000_000)}"


def reminder_key(session: TrainingSession) -> str:
    return f"session-{session.pk}:{timezone.localdate(session.starts_at).isoformat()}"


# --- sending ---------------------------------------------------------------------------


def booking_made(booking: Booking) -> bool:
    """A seat booked, or a place on the waiting list taken."""
    kind = BOOKING_CONFIRMED if booking.status == Booking.Status.BOOKED else BOOKING_WAITLISTED
    return notify(booking.user, kind, {"booking": booking.pk}, key=booking_round(booking))


def booking_promoted(booking: Booking) -> bool:
    """Someone cancelled and the seat went to this person, first on the waiting list."""
    return notify(
        booking.user, BOOKING_PROMOTED, {"booking": booking.pk}, key=booking_round(booking)
    )


def session_cancelled(booking: Booking) -> bool:
    return notify(
        booking.user,
        SESSION_CANCELLED,
        {"session": booking.session_id},
        key=booking_round(booking),
    )


def session_reminder(booking: Booking) -> bool:
    return notify(
        booking.user,
        SESSION_REMINDER,
        {"booking": booking.pk},
        key=reminder_key(booking.session),
    )


def topic_request_status(topic_request: TopicRequest) -> bool:
    changed = int(topic_request.updated_at.timestamp() * 1_000_000)
    return notify(
        topic_request.requester,
        TOPIC_REQUEST_STATUS,
        {"request": topic_request.pk, "status": topic_request.status},
        key=f"topic-request-{topic_request.pk}:{topic_request.status}:{changed}",
    )


# --- what each e-mail says (run by the core's task, in the recipient's language) ----


def _booking(recipient: User, params: dict, status: str) -> dict | None:
    """The booking, if it is still what the e-mail is about when the e-mail is written."""
    booking = (
        Booking.objects.select_related("session__module", "session__office")
        .filter(pk=params["booking"], user=recipient, status=status)
        .first()
    )
    if booking is None or booking.session.is_cancelled:
        return None
    return {
        "booking": booking,
        "session": booking.session,
        "url": absolute_url(reverse("training:session-detail", args=[booking.session_id])),
    }


def _confirmed(recipient: User, params: dict) -> dict | None:
    return _booking(recipient, params, Booking.Status.BOOKED)


def _waitlisted(recipient: User, params: dict) -> dict | None:
    return _booking(recipient, params, Booking.Status.WAITLISTED)


def _reminder(recipient: User, params: dict) -> dict | None:
    context = _booking(recipient, params, Booking.Status.BOOKED)
    if context is None or context["session"].starts_at <= timezone.now():
        return None
    return context


def _cancelled(recipient: User, params: dict) -> dict | None:
    session = (
        TrainingSession.objects.select_related("module", "office")
        .filter(pk=params["session"], status=TrainingSession.Status.CANCELLED)
        .first()
    )
    if session is None:
        return None
    return {"session": session, "url": absolute_url(reverse("training:session-list"))}


def _topic_request(recipient: User, params: dict) -> dict | None:
    topic_request = (
        TopicRequest.objects.select_related("module", "session__module")
        .filter(pk=params["request"], requester=recipient)
        .first()
    )
    if topic_request is None:
        return None
    module = topic_request.module
    return {
        "topic_request": topic_request,
        "status": TopicRequest.Status(params["status"]).label,
        "module_url": absolute_url(module.url) if module and module.url else "",
        "session_url": absolute_url(
            reverse("training:session-detail", args=[topic_request.session_id])
        )
        if topic_request.session_id
        else "",
        "url": absolute_url(reverse("training:request-list")),
    }


@hooks.register(HOOK_NAME)
def booking_confirmed_kind():
    return NotificationKind(
        slug=BOOKING_CONFIRMED,
        label=_("Training: my place on a session is booked"),
        template="training/email/booking_confirmed",
        build=_confirmed,
        help_text=_("The date, place and trainer, as a record of your booking."),
        optional=False,
    )


@hooks.register(HOOK_NAME)
def booking_waitlisted_kind():
    return NotificationKind(
        slug=BOOKING_WAITLISTED,
        label=_("Training: I am on a session's waiting list"),
        template="training/email/booking_waitlisted",
        build=_waitlisted,
        optional=False,
    )


@hooks.register(HOOK_NAME)
def booking_promoted_kind():
    return NotificationKind(
        slug=BOOKING_PROMOTED,
        label=_("Training: a place on a session became free for me"),
        template="training/email/booking_promoted",
        build=_confirmed,
        help_text=_("Someone cancelled and you were first on the waiting list."),
        optional=False,
    )


@hooks.register(HOOK_NAME)
def session_reminder_kind():
    return NotificationKind(
        slug=SESSION_REMINDER,
        label=_("Training: reminder the day before a session I booked"),
        template="training/email/session_reminder",
        build=_reminder,
    )


@hooks.register(HOOK_NAME)
def session_cancelled_kind():
    return NotificationKind(
        slug=SESSION_CANCELLED,
        label=_("Training: a session I booked is cancelled"),
        template="training/email/session_cancelled",
        build=_cancelled,
        optional=False,
    )


@hooks.register(HOOK_NAME)
def topic_request_kind():
    return NotificationKind(
        slug=TOPIC_REQUEST_STATUS,
        label=_("Training: the coordinators answered a topic I proposed"),
        template="training/email/topic_request_status",
        build=_topic_request,
        help_text=_("The topic requests page always shows where your requests stand."),
    )
