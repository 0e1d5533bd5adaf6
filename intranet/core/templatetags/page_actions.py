"""``{% page_actions page %}``: "Edit this page" (and, given ``add="app.Model"``, "New …"
below it) for the people Wagtail lets do so, straight into the editor at the right place.

The permission is Wagtail's own (``page.permissions_for_user``), the same the admin
checks when the link is followed; partners and anyone without it see nothing.
"""

from django import template
from django.apps import apps
from django.urls import reverse

from intranet.core.roles import is_staff_member

register = template.Library()


def _may_edit(permissions) -> bool:
    """Wagtail's ``can_edit`` without its last branch (a reviewer of the page's current
    workflow task may open the editor): that branch costs a query on every page a person may
    not edit, and reviewers reach their pages through "Waiting for me"."""
    user, page = permissions.user, permissions.page
    if not user.is_active or permissions.page_is_root:
        return False
    if user.is_superuser or "change" in permissions.permissions:
        return True
    return "add" in permissions.permissions and page.owner_id == user.pk


@register.inclusion_tag("includes/page_actions.html", takes_context=True)
def page_actions(context, page, add: str = "", add_label: str = ""):
    request = context.get("request")
    user = getattr(request, "user", None)
    if page is None or not getattr(page, "pk", None) or user is None or not is_staff_member(user):
        return {"edit_url": "", "add_url": ""}
    permissions = page.permissions_for_user(user)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk]) if _may_edit(permissions) else ""
    add_url = ""
    if add and permissions.can_add_subpage():
        model = apps.get_model(add)
        if model in page.specific_class.allowed_subpage_models():
            add_url = reverse(
                "wagtailadmin_pages:add",
                args=[model._meta.app_label, model._meta.model_name, page.pk],
            )
    return {"edit_url": edit_url, "add_url": add_url, "add_label": add_label}
