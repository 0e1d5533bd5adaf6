from django.db import migrations

from intranet.core.migration_utils import create_section


def create(apps, schema_editor):
    create_section(
        apps, "knowledge.KnowledgeBaseIndexPage", slug="knowledge-base", title="Base de conhecimento", staff_permissions=["add_page", "change_page"]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0001_initial"),
        ("network", "0002_section_page"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
