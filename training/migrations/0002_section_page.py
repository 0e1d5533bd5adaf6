from django.db import migrations

from intranet.core.migration_utils import create_section


def create(apps, schema_editor):
    create_section(
        apps, "training.TrainingProgrammePage", slug="training", title="Programa de formação"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_initial"),
        ("core", "0003_roles"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
