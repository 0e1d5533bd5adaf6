"""The day-before reminder command: one e-mail per person and session, however often cron
runs it, only to people who still work in the network and want it."""

import io
from datetime import datetime, time, timedelta

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from intranet.core.models import Notification
from intranet.core.notifications import set_choices
from training import notifications, services

from .factories import SessionFactory, StaffFactory

pytestmark = pytest.mark.django_db


def tomorrow_at(hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


@pytest.fixture
def tomorrow(module):
    start = tomorrow_at(10)
    return SessionFactory(module=module, starts_at=start, ends_at=start + timedelta(hours=3))


def test_reminders_go_once_to_those_booked_for_tomorrow(module, tomorrow, staff_user):
    tomorrow.capacity = 1
    tomorrow.save()
    waiting = StaffFactory()
    later = SessionFactory(module=module, days=3)
    services.book_session(staff_user, tomorrow.pk)
    services.book_session(waiting, tomorrow.pk)  # waiting list: no reminder
    services.book_session(waiting, later.pk)  # not tomorrow: no reminder
    mail.outbox.clear()

    out = io.StringIO()
    call_command("send_session_reminders", stdout=out)
    call_command("send_session_reminders", stdout=out)

    assert [m.to for m in mail.outbox] == [[staff_user.email]]
    assert "amanhã" in mail.outbox[0].subject
    assert "Sent 1 training session reminder(s)" in out.getvalue()
    assert Notification.objects.filter(
        recipient=staff_user,
        kind=notifications.SESSION_REMINDER,
        key=notifications.reminder_key(tomorrow),
        sent_at__isnull=False,
    ).exists()


def test_a_session_moved_to_another_day_is_reminded_again(tomorrow, staff_user):
    services.book_session(staff_user, tomorrow.pk)
    call_command("send_session_reminders", stdout=io.StringIO())
    # The coordinators move it a day later: the day before its new date, a new reminder.
    tomorrow.starts_at += timedelta(days=1)
    tomorrow.ends_at += timedelta(days=1)
    tomorrow.save()
    mail.outbox.clear()
    call_command("send_session_reminders", stdout=io.StringIO())
    assert mail.outbox == []
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        call_command("send_session_reminders", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [[staff_user.email]]


def test_reminders_are_optional(tomorrow, staff_user, client_for):
    services.book_session(staff_user, tomorrow.pk)
    client_for(staff_user).post(reverse("notification-settings"), {})
    mail.outbox.clear()
    call_command("send_session_reminders", stdout=io.StringIO())
    assert mail.outbox == []


def test_turning_reminders_off_keeps_booking_confirmations(tomorrow, staff_user):
    set_choices(staff_user, set())
    services.book_session(staff_user, tomorrow.pk)
    assert [m.to for m in mail.outbox] == [[staff_user.email]]


def test_a_leaver_gets_no_reminder_even_with_a_booking_left(tomorrow, staff_user):
    """Marked as left in the profile only (an old record): still no reminder."""
    services.book_session(staff_user, tomorrow.pk)
    staff_user.profile.is_active_member = False
    staff_user.profile.save()
    mail.outbox.clear()
    call_command("send_session_reminders", stdout=io.StringIO())
    assert mail.outbox == []


def test_reminder_is_in_the_recipient_s_language(tomorrow, staff_user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(staff_user)
    profile.preferred_language = "en"
    profile.save()
    services.book_session(staff_user, tomorrow.pk)
    assert mail.outbox[-1].subject.startswith("Booking confirmed:")
    call_command("send_session_reminders", stdout=io.StringIO())
    reminder = mail.outbox[-1]
    assert reminder.subject.startswith("Reminder: training session tomorrow")
    assert tomorrow.module.title in reminder.subject
    assert "Trainer:" in reminder.body
