"""Groups, their admin and collection permissions, the private document collection and
the coordinator review workflow, so that a bare install (migrate, no demo) has them.

Page permissions on the sections are granted by each section's own migration.
"""

from django.db import migrations

from intranet.core.migration_utils import ensure_permission, grant_page_permissions, home_page

STAFF, COORDINATORS, PARTNERS = "Staff", "Coordinators", "Partners"
PRIVATE_COLLECTION = "Documentos internos"


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    staff, _ = Group.objects.get_or_create(name=STAFF)
    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS)
    Group.objects.get_or_create(name=PARTNERS)
    # Wagtail's sample groups would only blur the role matrix.
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()

    access_admin = ensure_permission(apps, "wagtailadmin", "admin", "access_admin")
    staff.permissions.add(access_admin)
    coordinators.permissions.add(access_admin)

    home = home_page(apps)
    grant_page_permissions(
        apps, home, COORDINATORS, ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"]
    )

    root_collection = Collection.objects.get(depth=1)
    private = Collection.objects.filter(depth=2, name=PRIVATE_COLLECTION).first()
    if private is None:
        last = Collection.objects.filter(depth=2).order_by("-path").first()
        step = int(last.path[-4:], 36) + 1 if last else 1
        private = Collection.objects.create(
            name=PRIVATE_COLLECTION, path=root_collection.path + f"{step:04d}", depth=2, numchild=0
        )
        Collection.objects.filter(pk=root_collection.pk).update(numchild=root_collection.numchild + 1)
    restriction, _ = CollectionViewRestriction.objects.get_or_create(
        collection=private, restriction_type="groups", defaults={"password": ""}
    )
    restriction.groups.set([staff, coordinators])

    for group, codenames in [
        (staff, {"wagtaildocs": ["add_document", "choose_document"], "wagtailimages": ["add_image", "choose_image"]}),
        (coordinators, {
            "wagtaildocs": ["add_document", "change_document", "delete_document", "choose_document"],
            "wagtailimages": ["add_image", "change_image", "delete_image", "choose_image"],
        }),
    ]:
        for app_label, perms in codenames.items():
            model = "document" if app_label == "wagtaildocs" else "image"
            for codename in perms:
                permission = ensure_permission(apps, app_label, model, codename)
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )


def coordinator_review_workflow(apps, schema_editor):
    """One moderation workflow on the whole tree: coordinators approve what staff submit."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    coordinators = Group.objects.get(name=COORDINATORS)
    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task, _ = GroupApprovalTask.objects.get_or_create(
        name="Aprovação pela coordenação", defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([coordinators])
    workflow, _ = Workflow.objects.get_or_create(name="Coordinator review", defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})
    WorkflowPage.objects.filter(workflow__name__endswith="approval").delete()
    Workflow.objects.filter(name__endswith=" approval").update(active=False)
    home = home_page(apps)
    WorkflowPage.objects.update_or_create(page_id=home.pk, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_home_page"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunPython(coordinator_review_workflow, migrations.RunPython.noop),
    ]
