"""``{% page_actions page %}``: "Edit this page" (and, given ``add="app.Model"``, "New …"
below it) for the people Wagtail lets do so, straight into the editor at the right place.

The permission is Wagtail's own (``page.permissions_for_user``), the same the admin
checks when the link is followed; partners and anyone without it see nothing.
"""

from django import template
from django.apps import apps
from django.urls import reverse

from intranet.core.caching import remember
from intranet.core.roles import is_staff_member

register = template.Library()


@register.inclusion_tag("includes/page_actions.html", takes_context=True)
def page_actions(context, page, add: str = "", add_label: str = ""):
    request = context.get("request")
    user = getattr(request, "user", None)
    if page is None or not getattr(page, "pk", None) or user is None or not is_staff_member(user):
        return {"edit_url": "", "add_url": ""}

    def answers() -> tuple[bool, bool]:
        permissions = page.permissions_for_user(user)
        return permissions.can_edit(), bool(add) and permissions.can_add_subpage()

    # Kept until groups, page permissions or workflows change (intranet.core.caching).
    key = f"page-actions:{user.pk}:{page.pk}:{add}"
    can_edit, can_add = remember(key, answers, request=request)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk]) if can_edit else ""
    add_url = ""
    if can_add:
        model = apps.get_model(add)
        if model in page.specific_class.allowed_subpage_models():
            add_url = reverse(
                "wagtailadmin_pages:add",
                args=[model._meta.app_label, model._meta.model_name, page.pk],
            )
    return {"edit_url": edit_url, "add_url": add_url, "add_label": add_label}
