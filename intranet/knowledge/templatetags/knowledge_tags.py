from django import template

from intranet.core.roles import is_staff_member
from intranet.knowledge.services import is_following

register = template.Library()


@register.inclusion_tag("knowledge/includes/follow_button.html", takes_context=True)
def follow_button(context, page):
    """A Follow / Unfollow button for any page; other apps may use it in their templates."""
    request = context.get("request")
    user = getattr(request, "user", None)
    show = user is not None and is_staff_member(user) and page is not None and page.pk
    return {
        "show": show,
        "page": page,
        "following": show and is_following(user, page),
        "next": request.get_full_path() if request else "",
        "csrf_token": context.get("csrf_token"),
    }
