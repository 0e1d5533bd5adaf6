from django.db import migrations


def copy_calendar_tokens(apps, schema_editor):
    """Every calendar subscription keeps working: its secret moves to the core model."""
    CalendarToken = apps.get_model("training", "CalendarToken")
    PersonalToken = apps.get_model("core", "PersonalToken")
    PersonalToken.objects.bulk_create(
        PersonalToken(
            user_id=token.user_id,
            purpose="training-calendar",
            token=token.token,
            created_at=token.created_at,
        )
        for token in CalendarToken.objects.all()
    )


def copy_back(apps, schema_editor):
    CalendarToken = apps.get_model("training", "CalendarToken")
    PersonalToken = apps.get_model("core", "PersonalToken")
    for token in PersonalToken.objects.filter(purpose="training-calendar", revoked_at=None):
        CalendarToken.objects.create(user_id=token.user_id, token=token.token)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_personal_token"),
        ("training", "0004_coordinator_permissions"),
    ]

    operations = [
        migrations.RunPython(copy_calendar_tokens, copy_back),
        migrations.DeleteModel(name="CalendarToken"),
    ]
