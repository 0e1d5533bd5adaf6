"""Coordinators manage the directory's snippets in the admin; staff only read the directory."""

from django.db import migrations

from intranet.core.migration_utils import ensure_permission

MODELS = ["serviceprovider", "partnerorganisation", "language"]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    coordinators = Group.objects.filter(name="Coordinators").first()
    if coordinators is None:
        return
    for model in MODELS:
        for action in ACTIONS:
            coordinators.permissions.add(
                ensure_permission(apps, "network", model, f"{action}_{model}")
            )


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0003_directory_fields"),
        ("core", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
