from django.db import migrations

from intranet.core.migration_utils import create_section


def create(apps, schema_editor):
    create_section(
        apps, "legal.LegalUpdateIndexPage", slug="legal-updates", title="Atualizações legais", staff_permissions=["add_page"]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("legal", "0001_initial"),
        ("training", "0002_section_page"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
