"""Emails of the training programme, sent as background tasks."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from django_tasks import task


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(subject: str, template: str, context: dict, to: str) -> None:
    if not to:
        return
    body = render_to_string(template, context)
    send_mail(subject, body, None, [to])


@task()
def send_booking_email(booking_id: int) -> None:
    """Confirms a booking, a place on the waiting list, or a promotion from it."""
    from .models import Booking

    booking = (
        Booking.objects.select_related("session__module", "session__office", "user")
        .filter(pk=booking_id)
        .first()
    )
    if booking is None or booking.status == Booking.Status.CANCELLED:
        return
    with translation.override(settings.LANGUAGE_CODE):
        if booking.status == Booking.Status.BOOKED:
            subject = _("Booking confirmed: %(session)s") % {
                "session": booking.session.display_title
            }
        else:
            subject = _("On the waiting list: %(session)s") % {
                "session": booking.session.display_title
            }
        _send(
            subject,
            "training/email/booking.txt",
            {
                "booking": booking,
                "session": booking.session,
                "url": _absolute(reverse("training:session-detail", args=[booking.session_id])),
            },
            booking.user.email,
        )


@task()
def send_session_reminder(booking_id: int) -> None:
    from .models import Booking

    booking = (
        Booking.objects.select_related("session__module", "session__office", "user")
        .filter(pk=booking_id, status=Booking.Status.BOOKED)
        .first()
    )
    if booking is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            _("Reminder: training session tomorrow — %(session)s")
            % {"session": booking.session.display_title},
            "training/email/reminder.txt",
            {
                "booking": booking,
                "session": booking.session,
                "url": _absolute(reverse("training:session-detail", args=[booking.session_id])),
            },
            booking.user.email,
        )


@task()
def send_topic_request_email(request_id: int) -> None:
    from .models import TopicRequest

    topic_request = (
        TopicRequest.objects.select_related("requester", "module", "session")
        .filter(pk=request_id)
        .first()
    )
    if topic_request is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            _("Your training topic request is now: %(status)s")
            % {"status": topic_request.get_status_display()},
            "training/email/topic_request.txt",
            {
                "topic_request": topic_request,
                "url": _absolute(reverse("training:request-list")),
                "module_url": _absolute(topic_request.module.url) if topic_request.module else "",
            },
            topic_request.requester.email,
        )


@task()
def send_session_cancelled_email(booking_id: int) -> None:
    from .models import Booking

    booking = (
        Booking.objects.select_related("session__module", "session__office", "user")
        .filter(pk=booking_id)
        .first()
    )
    if booking is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            _("Training session cancelled: %(session)s")
            % {"session": booking.session.display_title},
            "training/email/session_cancelled.txt",
            {
                "booking": booking,
                "session": booking.session,
                "url": _absolute(reverse("training:session-list")),
            },
            booking.user.email,
        )
