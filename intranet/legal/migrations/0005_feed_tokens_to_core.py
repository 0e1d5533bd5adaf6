from django.db import migrations


def copy_feed_tokens(apps, schema_editor):
    """Every existing feed address keeps working: its secret moves to the core model."""
    FeedToken = apps.get_model("legal", "FeedToken")
    PersonalToken = apps.get_model("core", "PersonalToken")
    PersonalToken.objects.bulk_create(
        PersonalToken(
            user_id=token.user_id,
            purpose="legal-feed",
            token=token.token,
            created_at=token.created_at,
        )
        for token in FeedToken.objects.all()
    )


def copy_back(apps, schema_editor):
    FeedToken = apps.get_model("legal", "FeedToken")
    PersonalToken = apps.get_model("core", "PersonalToken")
    for token in PersonalToken.objects.filter(purpose="legal-feed", revoked_at=None):
        FeedToken.objects.create(user_id=token.user_id, token=token.token)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_personal_token"),
        ("legal", "0004_topics"),
    ]

    operations = [
        migrations.RunPython(copy_feed_tokens, copy_back),
        migrations.DeleteModel(name="FeedToken"),
    ]
