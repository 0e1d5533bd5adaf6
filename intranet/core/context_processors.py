from django.contrib.contenttypes.models import ContentType
from django.utils.functional import SimpleLazyObject

from wagtail.models import Site

from .caching import remember
from .models import with_english_titles
from .roles import groups_key, is_coordinator, is_staff_member, role_label
from .visibility import exclude_hidden

HELP_PAGES_SHOWN = 4


def _top_pages(request):
    """The site root's live children the user may see, in one query: the sections (shown
    in menus) for the main navigation, the network's own content pages (help, about) for
    the footer. The same for everyone with the same role, so kept in the cache per role
    (forgotten when pages change: intranet.core.caching)."""
    cached = getattr(request, "_intranet_top_pages", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    user = request.user
    if site is None or not user.is_authenticated:
        return [], []

    def top_pages():
        from .models import ContentPage

        children = (
            site.root_page.get_children()
            .live()
            .only("id", "title", "url_path", "path", "depth", "show_in_menus", "content_type_id")
        )
        pages = list(with_english_titles(exclude_hidden(children, user)))
        content_type = ContentType.objects.get_for_model(ContentPage)
        sections = [p for p in pages if p.show_in_menus]
        help_pages = [
            p for p in pages if not p.show_in_menus and p.content_type_id == content_type.pk
        ][:HELP_PAGES_SHOWN]
        return sections, help_pages

    result = remember(f"nav:{site.pk}:{groups_key(user)}", top_pages, request=request)
    request._intranet_top_pages = result
    return result


def navigation(request):
    user = request.user
    return {
        "nav_sections": SimpleLazyObject(lambda: _top_pages(request)[0]),
        "help_pages": SimpleLazyObject(lambda: _top_pages(request)[1]),
        "user_is_staff_member": SimpleLazyObject(lambda: is_staff_member(user)),
        "user_is_coordinator": SimpleLazyObject(lambda: is_coordinator(user)),
        "user_role_label": SimpleLazyObject(lambda: role_label(user)),
    }
