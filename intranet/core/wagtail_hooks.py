from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.components import Component

from .dashboard import DashboardPanel
from .files import may_read
from .roles import is_coordinator, is_staff_member
from .visibility import can_see_page, restrictions_for, visible_pages


@hooks.register("on_serve_page", order=-10)
def forbid_hidden_pages_to_logged_in_users(next_serve_page):
    """A logged-in person opening a page outside their scope gets 403, not a login loop.

    Wagtail's own view-restriction hook answers with a redirect to the login page, which
    is right for anonymous visitors but useless for someone already logged in. The home
    page is let through: it sends partners on to the directory itself.
    """

    def inner(page, request, serve_args, serve_kwargs):
        if (
            request.user.is_authenticated
            and page.depth > 2
            and not can_see_page(request.user, page)
        ):
            raise PermissionDenied
        if page.alias_of_id is None:
            # Wagtail's own view-restriction hook (next in the chain) asks the page for its
            # restrictions: answer from the cached list instead of two queries.
            page.get_view_restrictions = lambda: restrictions_for(page)
        return next_serve_page(page, request, serve_args, serve_kwargs)

    return inner


@hooks.register("register_dashboard_panel")
def waiting_panel(request):
    """ "Waiting for me" first on the dashboard: what every app has for this person to do.
    Coordinators always see it (an empty list says so); others only when something waits."""
    from .waiting import waiting_for

    items = waiting_for(request)
    if not items and not is_coordinator(request.user):
        return None
    return DashboardPanel(
        key="waiting",
        icon="inbox",
        title=_("Waiting for me"),
        template_name="core/panels/waiting.html",
        context={"items": items},
        order=1,
    )


class WaitingAdminPanel(Component):
    """The same list on the Wagtail admin's home page, above Wagtail's own panels."""

    name = "waiting_for_me"
    template_name = "core/admin/waiting_panel.html"
    order = 10

    def __init__(self, items):
        self.items = items

    def get_context_data(self, parent_context):
        return {"items": self.items}


@hooks.register("construct_homepage_panels")
def waiting_admin_panel(request, panels):
    from .waiting import waiting_for

    items = waiting_for(request)
    if items or is_coordinator(request.user):
        panels.append(WaitingAdminPanel(items))


@hooks.register("register_dashboard_panel")
def recent_pages_panel(request):
    if not is_staff_member(request.user):
        return None
    pages = (
        visible_pages(request.user)
        .filter(depth__gt=2)
        .exclude(last_published_at=None)
        .order_by("-last_published_at")
        .only("id", "title", "url_path", "last_published_at")[:8]
    )
    return DashboardPanel(
        key="recent-pages",
        icon="clock",
        title=_("Recently updated"),
        template_name="core/panels/recent_pages.html",
        context={"pages": list(pages)},
        order=90,
    )


@hooks.register("before_serve_document", order=-10)
def forbid_private_documents_to_logged_in_users(document, request):
    """A logged-in person asking for a document they may not read gets 403, not a login
    loop; partners read only collections opened to them (``intranet.core.files``)."""
    if request.user.is_authenticated and not may_read(document.collection, request):
        raise PermissionDenied


@hooks.register("register_personal_data", order=-10)
def personal_tokens_data(user):
    from .personal_data import tokens

    return "personal_tokens", tokens(user)


@hooks.register("register_personal_data")
def notifications_data(user):
    from .personal_data import notifications

    return "email_notifications", notifications(user)


@hooks.register("register_personal_data")
def failed_logins_data(user):
    from .personal_data import failed_logins

    return "failed_logins", failed_logins(user)


@hooks.register("register_personal_data", order=90)
def authored_data(user):
    from .personal_data import authored

    return "authored", authored(user)


@hooks.register("register_search_type")
def pages_search_type():
    from .page_search import PAGES

    return PAGES


@hooks.register("insert_global_admin_css")
def admin_brand_colours():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-brand.css"))
