from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from .dashboard import DashboardPanel
from .files import may_read
from .roles import is_staff_member
from .visibility import can_see_page, visible_pages


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
        return next_serve_page(page, request, serve_args, serve_kwargs)

    return inner


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
