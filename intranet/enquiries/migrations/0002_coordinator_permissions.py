"""Coordinators edit the network contact that signs the alert letters (Settings in the
admin). Everything else of the enquiry log is managed on the intranet's own pages."""

from django.db import migrations

from intranet.core.migration_utils import ensure_permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    coordinators = Group.objects.filter(name="Coordinators").first()
    if coordinators is None:
        return
    coordinators.permissions.add(
        ensure_permission(apps, "enquiries", "networkcontact", "change_networkcontact")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("enquiries", "0001_initial"),
        ("core", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
