from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail import hooks

from intranet.core.dashboard import DashboardPanel
from intranet.core.sections import section_url
from intranet.people.services import is_colleague

from . import notifications, services
from .services import is_overdue, pending_for_user

PANEL_SIZE = 8


@hooks.register("register_dashboard_panel")
def legal_must_read_panel(request):
    """Must-read legal updates the person has not acknowledged, soonest due first."""
    # Only the people who work in the network must read (the report counts them alone): a
    # bare administrator account, or someone marked as having left, is shown no reading.
    if not is_colleague(request.user):
        return None
    pending = list(
        pending_for_user(request.user).only(
            "id", "title", "url_path", "acknowledge_by", "first_published_at"
        )[: PANEL_SIZE + 1]
    )
    today = timezone.localdate()
    for update in pending:
        update.overdue = is_overdue(update, today)
    return DashboardPanel(
        key="legal-must-read",
        icon="scale",
        title=_("Legal updates to read"),
        template_name="legal/panels/must_read.html",
        context={
            "updates": pending[:PANEL_SIZE],
            "more": len(pending) > PANEL_SIZE,
            # Asked whether or not the link shows, so the page costs the same queries.
            "index_url": section_url("legal.LegalUpdateIndexPage", request),
        },
        order=10,
    )


@hooks.register("register_notification_kind")
def published_notification():
    return notifications.published_kind()


@hooks.register("register_notification_kind")
def reminder_notification():
    return notifications.reminder_kind()


@hooks.register("register_personal_data")
def legal_personal_data(user):
    return "legal_updates", services.personal_data(user)


@hooks.register("register_demo_data", order=40)
def load_demo(stdout):
    from .demo import load

    load(stdout)


@hooks.register("register_topic_resources")
def legal_updates_on_topic(request, topic, municipality):
    """The answer at hand on the enquiry form: current legal updates with that topic
    (in force or pending, not superseded), newest first."""
    from intranet.core.resources import PER_KIND, TopicResource
    from intranet.core.visibility import exclude_hidden

    from .models import LegalUpdatePage

    updates = (
        LegalUpdatePage.objects.live()
        .filter(
            tags__slug=topic,
            status__in=[LegalUpdatePage.Status.IN_FORCE, LegalUpdatePage.Status.PENDING],
        )
        .exclude(superseded_by__live=True)
        .order_by("-first_published_at")
        .only("id", "title", "url_path", "summary")
    )
    return [
        TopicResource("legal", update.title, update.url, update.summary)
        for update in exclude_hidden(updates, request.user)[:PER_KIND]
    ]


@hooks.register("register_waiting_items")
def overdue_acknowledgements(request):
    """For coordinators: the people with must-read updates past their acknowledge-by date,
    the most overdue named first."""
    from django.urls import reverse

    from intranet.core.roles import is_coordinator
    from intranet.core.waiting import WaitingItem

    if not is_coordinator(request.user):
        return []
    people = services.overdue_by_person()
    return [
        WaitingItem(
            "overdue-acknowledgements",
            _("People with overdue legal readings"),
            len(people),
            reverse("legal:report"),
            order=40,
            details=[
                ngettext("%(name)s: %(count)d update", "%(name)s: %(count)d updates", n)
                % {"name": user.get_full_name() or user.get_username(), "count": n}
                for user, n in people[:4]
            ],
        )
    ]


@hooks.register("register_scale_data", order=40)
def seed_scale_data(run):
    from .demo.scale import seed

    seed(run)
