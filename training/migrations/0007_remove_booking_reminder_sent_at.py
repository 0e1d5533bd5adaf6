from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0006_reminders_to_notifications"),
    ]

    operations = [
        migrations.RemoveField(model_name="booking", name="reminder_sent_at"),
    ]
