"""Moving the reminder dedup to the core's notification record sends nothing twice."""

import io
from datetime import datetime, time, timedelta

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

import pytest

from intranet.core.models import Notification
from training import notifications

from .factories import BookingFactory, SessionFactory, StaffFactory

BEFORE = [("training", "0005_calendar_tokens_to_core")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return MigrationExecutor(connection).loader.project_state(targets).apps if targets else None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_bookings_already_reminded_are_not_reminded_again():
    day = timezone.localdate() + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(day, time(10, 0)))
    session = SessionFactory(starts_at=start, ends_at=start + timedelta(hours=2))
    reminded, not_yet = StaffFactory.create_batch(2)
    BookingFactory(session=session, user=reminded)
    BookingFactory(session=session, user=not_yet)
    sent_at = timezone.now() - timedelta(hours=3)
    try:
        old_apps = _migrate(BEFORE)
        old_apps.get_model("training", "Booking").objects.filter(user_id=reminded.pk).update(
            reminder_sent_at=sent_at
        )
    finally:
        _migrate(None)

    record = Notification.objects.get(recipient=reminded)
    assert (record.kind, record.key) == (
        notifications.SESSION_REMINDER,
        notifications.reminder_key(session),
    )
    assert record.sent_at == sent_at
    call_command("send_session_reminders", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [[not_yet.email]]
