"""Session reminders are deduplicated by the core's notification record: every booking
already reminded gets one, so nobody is reminded twice (0007 then drops the old field)."""

from django.db import migrations
from django.utils import timezone

KIND = "training-session-reminder"


def record_sent_reminders(apps, schema_editor):
    Booking = apps.get_model("training", "Booking")
    Notification = apps.get_model("core", "Notification")
    reminded = Booking.objects.filter(reminder_sent_at__isnull=False).select_related("session")
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=booking.user_id,
                kind=KIND,
                # The key training.notifications.reminder_key gives: session and its date.
                key=f"session-{booking.session_id}:"
                f"{timezone.localdate(booking.session.starts_at).isoformat()}",
                created_at=booking.reminder_sent_at,
                sent_at=booking.reminder_sent_at,
            )
            for booking in reminded
        ],
        ignore_conflicts=True,
    )


def restore_sent_reminders(apps, schema_editor):
    Booking = apps.get_model("training", "Booking")
    Notification = apps.get_model("core", "Notification")
    for record in Notification.objects.filter(kind=KIND, sent_at__isnull=False):
        session_id = record.key.split(":")[0].removeprefix("session-")
        Booking.objects.filter(session_id=session_id, user_id=record.recipient_id).update(
            reminder_sent_at=record.sent_at
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_notifications"),
        ("training", "0005_calendar_tokens_to_core"),
    ]

    operations = [
        migrations.RunPython(record_sent_reminders, restore_sent_reminders),
    ]
