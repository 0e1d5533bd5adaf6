"""A collection opened to partners, so that what is shared with them is a visible choice:
every other collection (and the root, which keeps nothing) is read by staff only."""

from django.db import migrations

SHARED_COLLECTION = "Partilhado com os parceiros"


def create_shared_collection(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")

    root = Collection.objects.get(depth=1)
    shared = Collection.objects.filter(depth=2, name=SHARED_COLLECTION).first()
    if shared is None:
        last = Collection.objects.filter(depth=2).order_by("-path").first()
        step = int(last.path[-4:], 36) + 1 if last else 1
        digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        encoded = ""
        while step:
            step, remainder = divmod(step, 36)
            encoded = digits[remainder] + encoded
        shared = Collection.objects.create(
            name=SHARED_COLLECTION, path=root.path + encoded.rjust(4, "0"), depth=2, numchild=0
        )
        root.numchild = Collection.objects.filter(depth=2).count()
        Collection.objects.filter(pk=root.pk).update(numchild=root.numchild)
    restriction, _ = CollectionViewRestriction.objects.get_or_create(
        collection=shared, restriction_type="groups", defaults={"password": ""}
    )
    restriction.groups.set(Group.objects.filter(name__in=["Staff", "Coordinators", "Partners"]))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_notifications"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_shared_collection, migrations.RunPython.noop)]
