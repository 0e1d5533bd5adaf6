from django.db import migrations

from intranet.core.migration_utils import create_section


def create(apps, schema_editor):
    create_section(
        apps, "people.PeopleIndexPage", slug="people", title="Pessoas"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("legal", "0002_section_page"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
