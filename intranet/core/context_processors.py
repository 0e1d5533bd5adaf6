from django.utils.functional import SimpleLazyObject

from wagtail.models import Site

from .caching import remember
from .models import with_english_titles
from .roles import groups_key, is_coordinator, is_staff_member, role_label
from .visibility import exclude_hidden


def _sections(request):
    """The sections in the main navigation: the same for everyone with the same role, so
    kept in the cache per role (forgotten when pages change: intranet.core.caching)."""
    site = Site.find_for_request(request)
    user = request.user
    if site is None or not user.is_authenticated:
        return []
    root = site.root_page
    role = groups_key(user)

    def sections():
        children = root.get_children().live().in_menu()
        children = children.only("id", "title", "url_path", "path", "depth")
        return list(with_english_titles(exclude_hidden(children, user)))

    return remember(f"nav:{site.pk}:{role}", sections, request=request)


def navigation(request):
    user = request.user
    return {
        "nav_sections": SimpleLazyObject(lambda: _sections(request)),
        "user_is_staff_member": SimpleLazyObject(lambda: is_staff_member(user)),
        "user_is_coordinator": SimpleLazyObject(lambda: is_coordinator(user)),
        "user_role_label": SimpleLazyObject(lambda: role_label(user)),
    }
