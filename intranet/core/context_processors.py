from django.utils.functional import SimpleLazyObject

from wagtail.models import Site

from .models import with_english_titles
from .roles import is_coordinator, is_staff_member, role_label
from .visibility import exclude_hidden


def _sections(request):
    site = Site.find_for_request(request)
    if site is None or not request.user.is_authenticated:
        return []
    root = site.root_page
    children = root.get_children().live().in_menu().only("id", "title", "url_path", "path", "depth")
    return list(with_english_titles(exclude_hidden(children, request.user)))


def navigation(request):
    user = request.user
    return {
        "nav_sections": SimpleLazyObject(lambda: _sections(request)),
        "user_is_staff_member": SimpleLazyObject(lambda: is_staff_member(user)),
        "user_is_coordinator": SimpleLazyObject(lambda: is_coordinator(user)),
        "user_role_label": SimpleLazyObject(lambda: role_label(user)),
    }
