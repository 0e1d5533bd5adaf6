import datetime

from django.db import migrations
from django.utils import timezone

REMINDER_KIND = "knowledge-review-reminder"


def _day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(0, 0)))


def copy_reminders(apps, schema_editor):
    """Reminders already sent become the core's notification records, one per owner and day
    (the key), so a cron run on the day of the upgrade does not remind anyone twice."""
    ReviewReminder = apps.get_model("knowledge", "ReviewReminder")
    Notification = apps.get_model("core", "Notification")
    sent = ReviewReminder.objects.values_list("recipient_id", "sent_on").distinct()
    Notification.objects.bulk_create(
        (
            Notification(
                recipient_id=recipient_id,
                kind=REMINDER_KIND,
                key=sent_on.isoformat(),
                created_at=_day(sent_on),
                sent_at=_day(sent_on),
            )
            for recipient_id, sent_on in sent.iterator()
        ),
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_notifications"),
        ("knowledge", "0004_knowledge_base_workflow"),
    ]

    operations = [
        migrations.RunPython(copy_reminders, migrations.RunPython.noop),
        migrations.DeleteModel(name="ReviewReminder"),
    ]
