"""Where uploaded files go and who may read them.

- Nothing stays in the root collection: an image or document saved there (Wagtail's
  upload forms preselect it) is put in the staff-only collection instead. So a file is
  never readable by partners by accident.
- Partners read a file only when its collection, or one above it, is opened to them: its
  privacy setting (a group restriction) names the Partners group. The migration makes one
  such collection, ``SHARED_COLLECTION``.
- One set of upload limits for every path (profile photos, admin uploads, rich-text
  uploads): ``WAGTAILIMAGES_MAX_UPLOAD_SIZE``, ``WAGTAILIMAGES_MAX_IMAGE_PIXELS``,
  ``WAGTAILIMAGES_EXTENSIONS``, and ``WAGTAILDOCS_EXTENSIONS`` for documents.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.signals import pre_save

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from .roles import COORDINATORS, PARTNERS, STAFF, is_partner

STAFF_COLLECTION = "Documentos internos"
SHARED_COLLECTION = "Partilhado com os parceiros"


def staff_collection() -> Collection:
    """The staff-only collection (made by a migration; made again, restricted, if removed)."""
    collection = Collection.objects.filter(depth=2, name=STAFF_COLLECTION).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=STAFF_COLLECTION)
    restriction, created = CollectionViewRestriction.objects.get_or_create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    if created:
        restriction.groups.set(Group.objects.filter(name__in=[STAFF, COORDINATORS]))
    return collection


def keep_files_out_of_root(sender, instance, raw=False, **kwargs):
    if raw:  # loading a backup or fixture: keep what was saved
        return
    if instance.collection_id is None or instance.collection.depth == 1:
        instance.collection = staff_collection()


def connect_signals():
    for model in (get_image_model(), get_document_model()):
        pre_save.connect(keep_files_out_of_root, sender=model, dispatch_uid=f"root-{model}")


def delete_image_now(image) -> None:
    """Delete an image, its renditions and their files as soon as the transaction commits.

    Wagtail leaves the files to a background task, so without a running worker a photo
    someone removed (or a leaver's purged one) would stay on disk indefinitely."""
    storage = image.file.storage
    names = [image.file.name, *image.renditions.values_list("file", flat=True)]
    image.delete()
    transaction.on_commit(lambda: [storage.delete(name) for name in names if name])


def opened_to_partners(collection: Collection) -> bool:
    return CollectionViewRestriction.objects.filter(
        collection__in=collection.get_ancestors(inclusive=True),
        restriction_type=CollectionViewRestriction.GROUPS,
        groups__name=PARTNERS,
    ).exists()


def may_read(collection: Collection, request) -> bool:
    """The collection's privacy settings accept this request, and partners only read the
    collections opened to them."""
    restrictions = CollectionViewRestriction.objects.filter(
        collection__in=collection.get_ancestors(inclusive=True)
    ).prefetch_related("groups")
    if not all(r.accept_request(request) for r in restrictions):
        return False
    return not is_partner(request.user) or opened_to_partners(collection)
