"""The staff photo collection (seen by Staff and Coordinators only) and the normalised
search names of profiles that existed before the search fields did."""

import unicodedata

from django.db import migrations

from intranet.core.migration_utils import _encode

PHOTO_COLLECTION = "Fotografias da equipa"


def _normalise(text):
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def create_collection(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    root = Collection.objects.get(depth=1)
    photos = Collection.objects.filter(depth=2, name=PHOTO_COLLECTION).first()
    if photos is None:
        last = Collection.objects.filter(depth=2).order_by("-path").first()
        step = int(last.path[-4:], 36) + 1 if last else 1
        photos = Collection.objects.create(
            name=PHOTO_COLLECTION, path=root.path + _encode(step), depth=2, numchild=0
        )
        Collection.objects.filter(pk=root.pk).update(numchild=root.numchild + 1)
    restriction, _ = CollectionViewRestriction.objects.get_or_create(
        collection=photos, restriction_type="groups", defaults={"password": ""}
    )
    restriction.groups.set(Group.objects.filter(name__in=["Staff", "Coordinators"]))


def backfill_search_names(apps, schema_editor):
    Profile = apps.get_model("people", "Profile")
    for profile in Profile.objects.select_related("user"):
        user = profile.user
        name = profile.display_name or f"{user.first_name} {user.last_name}".strip() or user.username
        profile.search_name = _normalise(name)
        profile.search_text = _normalise(f"{profile.job_title} | {user.username}")
        profile.save(update_fields=["search_name", "search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_profile_details"),
        ("core", "0003_roles"),
    ]

    operations = [
        migrations.RunPython(create_collection, migrations.RunPython.noop),
        migrations.RunPython(backfill_search_names, migrations.RunPython.noop),
    ]
