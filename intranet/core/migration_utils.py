"""Helpers for data migrations that build the page tree with historical models.

Historical models have no treebeard methods, so the tree path is worked out here the
way treebeard does it (four base-36 characters per level).
"""

from django.db.models import F

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _encode(number: int) -> str:
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEPLEN, "0")


def home_page(apps):
    """The site's root page (the dashboard), or None before core 0002 ran."""
    Site = apps.get_model("wagtailcore", "Site")
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page if site else None


def ensure_child_page(apps, parent, model_label: str, slug: str, **fields):
    """Create a live child page of ``parent`` unless one with ``slug`` already exists."""
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    app_label, model_name = model_label.split(".")
    Model = apps.get_model(app_label, model_name)

    existing = Model.objects.filter(
        path__startswith=parent.path, depth=parent.depth + 1, slug=slug
    ).first()
    if existing:
        return existing

    siblings = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    last = siblings.order_by("-path").first()
    step = int(last.path[-STEPLEN:], 36) + 1 if last else 1
    content_type, _ = ContentType.objects.get_or_create(
        app_label=app_label, model=model_name.lower()
    )
    page = Model.objects.create(
        path=parent.path + _encode(step),
        depth=parent.depth + 1,
        numchild=0,
        slug=slug,
        url_path=f"{parent.url_path}{slug}/",
        content_type=content_type,
        locale_id=parent.locale_id,
        live=True,
        has_unpublished_changes=False,
        draft_title=fields["title"],
        show_in_menus=True,
        **fields,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    parent.numchild += 1
    return page


def ensure_permission(apps, app_label: str, model: str, codename: str):
    """Fetch a model permission, creating it if need be.

    On a fresh database Django creates permissions only after the last migration
    (post_migrate), so a data migration cannot count on them existing yet.
    """
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def grant_page_permissions(apps, page, group_name: str, codenames):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Group = apps.get_model("auth", "Group")
    group = Group.objects.get(name=group_name)
    for codename in codenames:
        permission = ensure_permission(apps, "wagtailcore", "page", codename)
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=page.pk, permission=permission
        )


def create_section(apps, model_label, slug, title, staff_permissions=()):
    """A top-level section under the dashboard, as every section app's data migration wants.

    Who may see it is decided by the section's class (``open_to_partners``), not here.
    """
    home = home_page(apps)
    section = ensure_child_page(apps, home, model_label, slug, title=title)
    if staff_permissions:
        grant_page_permissions(apps, section, "Staff", staff_permissions)
    return section


def set_english_title(apps, model_label: str, title_en: str):
    """Give a section its English title where it has none yet, on the page and on its
    revisions (the editor starts from the latest revision, which must not forget it)."""
    app_label, model_name = model_label.split(".")
    Model = apps.get_model(app_label, model_name)
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    for page in Model.objects.filter(title_en=""):
        Model.objects.filter(pk=page.pk).update(title_en=title_en)
        revisions = Revision.objects.filter(base_content_type=page_type, object_id=str(page.pk))
        for revision in revisions:
            if isinstance(revision.content, dict) and not revision.content.get("title_en"):
                revision.content["title_en"] = title_en
                revision.save(update_fields=["content"])
