"""Coordinators manage training sessions in the admin (snippets need model permissions)."""

from django.db import migrations

from intranet.core.migration_utils import ensure_permission

CODENAMES = ["add_trainingsession", "change_trainingsession", "delete_trainingsession", "view_trainingsession"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    coordinators = Group.objects.filter(name="Coordinators").first()
    if coordinators is None:
        return
    for codename in CODENAMES:
        coordinators.permissions.add(ensure_permission(apps, "training", "trainingsession", codename))


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0003_programme_modules_sessions"),
        ("core", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
