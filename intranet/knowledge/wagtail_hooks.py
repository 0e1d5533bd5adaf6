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
        icon="book",
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


@hooks.register("register_personal_data")
def follows_personal_data(user):
    """The pages the person follows, for their data download."""
    from .models import PageFollow

    follows = PageFollow.objects.filter(user=user).select_related("page").order_by("created_at")
    return "knowledge_follows", [
        {"page": follow.page.title, "since": follow.created_at.isoformat()} for follow in follows
    ]


# Knowledge articles carry free tags; these are the tags that speak of each topic of the
# shared vocabulary (intranet.core.topics), for the enquiry form's answer at hand.
TOPIC_TAGS = {
    "immigration-procedures": ["aima", "residência", "regime transitório", "imigração"],
    "employment": ["emprego", "trabalho", "iefp"],
    "housing": ["habitação", "arrendamento"],
    "education": ["educação", "crianças", "escola"],
    "health": ["saúde", "sns"],
    "social-security": ["segurança social", "niss"],
    "training": ["formação", "língua portuguesa"],
    "other": ["finanças", "nif"],
}


@hooks.register("register_topic_resources")
def knowledge_articles_on_topic(request, topic, municipality):
    from django.db.models import Q

    from intranet.core.resources import PER_KIND, TopicResource
    from intranet.core.visibility import exclude_hidden

    from .models import KnowledgeArticlePage

    names = TOPIC_TAGS.get(topic, [])
    if not names:
        return []
    matches = Q()
    for name in names:
        matches |= Q(tags__name__iexact=name)
    articles = (
        KnowledgeArticlePage.objects.live()
        .filter(matches)
        .distinct()
        .order_by("title")
        .only("id", "title", "url_path", "summary")
    )
    return [
        TopicResource("knowledge", article.title, article.url, article.summary)
        for article in exclude_hidden(articles, request.user)[:PER_KIND]
    ]


@hooks.register("register_waiting_items")
def knowledge_waiting_items(request):
    """Articles submitted for review that this person may approve (one opens straight in
    the editor, several in Wagtail's list of tasks), and, for coordinators, articles past
    their review date."""
    from intranet.core.waiting import WaitingItem

    user = request.user
    if not is_staff_member(user):
        return []
    to_approve = services.articles_for_me_to_approve(user)
    items = [
        WaitingItem(
            "articles-to-review",
            _("Articles awaiting your review"),
            len(to_approve),
            reverse("wagtailadmin_pages:edit", args=[to_approve[0].pk])
            if len(to_approve) == 1
            else reverse("wagtailadmin_reports:workflow_tasks"),
            order=10,
            details=[article.get_admin_display_title() for article in to_approve[:3]]
            if len(to_approve) > 1
            else [],
        )
    ]
    if is_coordinator(user):
        items.append(
            WaitingItem(
                "articles-past-review-date",
                _("Articles past their review date"),
                services.overdue_articles().count(),
                reverse("knowledge:review-report"),
                order=60,
            )
        )
    return items


@hooks.register("register_scale_data", order=50)
def seed_scale_data(run):
    from .demo.scale import seed

    seed(run)
