"""The day-before reminder command: one email per booking, however often cron runs it."""

from datetime import datetime, time, timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from training import services
from training.models import Booking, TrainingSession

pytestmark = pytest.mark.django_db


def test_reminders_go_once_to_those_booked_for_tomorrow(module, staff_user, coordinator_user):
    tomorrow = timezone.localdate() + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(tomorrow, time(10, 0)))
    session = TrainingSession.objects.create(
        module=module, starts_at=start, ends_at=start + timedelta(hours=3), trainer="T", capacity=1
    )
    later = TrainingSession.objects.create(
        module=module,
        starts_at=start + timedelta(days=2),
        ends_at=start + timedelta(days=2, hours=3),
        trainer="T",
    )
    services.book_session(staff_user, session.pk)
    services.book_session(coordinator_user, session.pk)  # waiting list: no reminder
    services.book_session(coordinator_user, later.pk)
    mail.outbox.clear()

    call_command("send_session_reminders")
    call_command("send_session_reminders")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [staff_user.email]
    assert "amanhã" in mail.outbox[0].subject
    assert Booking.objects.get(session=session, user=staff_user).reminder_sent_at is not None
