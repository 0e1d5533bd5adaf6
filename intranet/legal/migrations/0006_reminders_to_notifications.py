import datetime

from django.db import migrations
from django.utils import timezone

REMINDER_KIND = "legal-acknowledgement-reminder"


def _day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(0, 0)))


def copy_reminders(apps, schema_editor):
    """Reminders already sent become the core's notification records (key: the day), so a
    cron run on the day of the upgrade does not remind anyone a second time."""
    AcknowledgementReminder = apps.get_model("legal", "AcknowledgementReminder")
    Notification = apps.get_model("core", "Notification")
    Notification.objects.bulk_create(
        (
            Notification(
                recipient_id=reminder.user_id,
                kind=REMINDER_KIND,
                key=reminder.sent_on.isoformat(),
                created_at=_day(reminder.sent_on),
                sent_at=_day(reminder.sent_on),
            )
            for reminder in AcknowledgementReminder.objects.iterator()
        ),
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_notifications"),
        ("legal", "0005_feed_tokens_to_core"),
    ]

    operations = [
        migrations.RunPython(copy_reminders, migrations.RunPython.noop),
        migrations.DeleteModel(name="AcknowledgementReminder"),
    ]
