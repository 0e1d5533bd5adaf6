from django.db import migrations

from intranet.core.migration_utils import create_section


def create(apps, schema_editor):
    create_section(
        apps, "network.NetworkDirectoryPage", slug="directory", title="Diretório da rede"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
        ("people", "0002_section_page"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
