"""``{% page_actions page %}``: "Edit this page" (and, given ``add="app.Model"``, "New …"
below it) for the people Wagtail lets do so, straight into the editor at the right place.

The permission is Wagtail's own (``page.permissions_for_user``), the same the admin
checks when the link is followed; partners and anyone without it see nothing. The answer
depends on the person's groups and on whether they own the page (Wagtail lets an author
edit their own page with "add" alone), so it is kept in the cache under those
(``intranet.core.caching``: forgotten when pages or permissions change) and costs a page
no query once warm.
"""

from django import template
from django.apps import apps
from django.urls import reverse

from intranet.core.caching import remember
from intranet.core.roles import groups_key, is_staff_member

register = template.Library()


@register.inclusion_tag("includes/page_actions.html", takes_context=True)
def page_actions(context, page, add: str = "", add_label: str = ""):
    request = context.get("request")
    user = getattr(request, "user", None)
    if page is None or not getattr(page, "pk", None) or user is None or not is_staff_member(user):
        return {"edit_url": "", "add_url": ""}

    def decide() -> tuple[bool, bool]:
        permissions = page.permissions_for_user(user)
        return permissions.can_edit(), permissions.can_add_subpage()

    owns = getattr(page, "owner_id", None) == user.pk
    key = f"page-actions:{page.pk}:{groups_key(user)}:{int(owns)}:{int(user.is_active)}"
    can_edit, can_add = remember(key, decide, request=request)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk]) if can_edit else ""
    add_url = ""
    if add and can_add:
        model = apps.get_model(add)
        if model in page.specific_class.allowed_subpage_models():
            add_url = reverse(
                "wagtailadmin_pages:add",
                args=[model._meta.app_label, model._meta.model_name, page.pk],
            )
    return {"edit_url": edit_url, "add_url": add_url, "add_label": add_label}
