from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from intranet.core.dashboard import DashboardPanel
from intranet.core.roles import is_coordinator, is_staff_member

from . import notifications, services


@hooks.register("register_dashboard_panel")
def knowledge_panel(request):
    user = request.user
    if not is_staff_member(user):
        return None
    follows = services.followed_pages(user)
    return DashboardPanel(
        key="knowledge",
        title=_("Knowledge base"),
        template_name="knowledge/panels/knowledge.html",
        context={
            "awaiting_review": list(services.articles_awaiting_review(user)[:10]),
            "due_for_review": list(services.articles_due_for_review(user)[:10]),
            "follows": list(follows[:8]),
            "follow_count": follows.count(),
            "is_coordinator": is_coordinator(user),
        },
        order=40,
    )


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_coordinator(request.user)


@hooks.register("register_admin_menu_item")
def review_report_menu_item():
    return CoordinatorMenuItem(
        _("Knowledge review report"),
        reverse("knowledge:review-report"),
        icon_name="date",
        order=900,
    )


@hooks.register("register_notification_kind")
def new_version_notification():
    return notifications.new_version_kind()


@hooks.register("register_notification_kind")
def review_reminder_notification():
    return notifications.review_reminder_kind()


@hooks.register("register_demo_data", order=50)
def load_demo(stdout):
    from .demo import load

    load(stdout)
