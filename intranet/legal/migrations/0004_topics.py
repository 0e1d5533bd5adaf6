"""The closed topic vocabulary (intranet.core.topics) as the legal updates' tags."""

from django.db import migrations

from intranet.core.topics import TOPIC_NAMES_PT


def create_topics(apps, schema_editor):
    LegalTopic = apps.get_model("legal", "LegalTopic")
    for slug, name in TOPIC_NAMES_PT.items():
        LegalTopic.objects.update_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("legal", "0003_legal_update_page")]

    operations = [migrations.RunPython(create_topics, migrations.RunPython.noop)]
