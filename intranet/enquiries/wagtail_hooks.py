from django.db.models import Count as CountRows
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from intranet.core.dashboard import DashboardPanel
from intranet.core.field_mode import OfflinePage
from intranet.core.notifications import NotificationKind
from intranet.core.reports import count
from intranet.core.reports.periods import day_label, month_label, month_start
from intranet.core.roles import is_coordinator, is_staff_member

from .models import Enquiry
from .services import access
from .services.gaps import PROPOSED_KIND, proposed_gap_context, waiting_gaps


@hooks.register("register_offline_pages")
def enquiry_forms_offline(request):
    """The enquiry and outreach forms work without a signal (field mode)."""
    if not is_staff_member(request.user):
        return []
    return [
        OfflinePage(url=reverse("enquiries:enquiry-new"), title=_("Log an enquiry")),
        OfflinePage(url=reverse("enquiries:outreach-new"), title=_("Record an outreach visit")),
    ]


@hooks.register("register_dashboard_panel")
def enquiry_log_panel(request):
    """ "Log an enquiry" in one tap, and this month at my office (suppressed, like every
    count that leaves the server)."""
    user = request.user
    if not is_staff_member(user):
        return None
    office = access.own_office(user)
    this_month = month_start(timezone.localdate())
    month_count = None
    if office is not None:
        n = Enquiry.objects.filter(office=office, date__gte=this_month).aggregate(
            n=CountRows("pk")
        )["n"]
        month_count = count(n)
    return DashboardPanel(
        key="enquiries",
        icon="clipboard",
        title=_("Enquiries"),
        template_name="enquiries/panels/log.html",
        context={"office": office, "month": month_label(this_month), "count": month_count},
        order=5,
    )


@hooks.register("register_notification_kind")
def gap_proposed_kind():
    return NotificationKind(
        slug=PROPOSED_KIND,
        label=_("Service gaps: a staff member proposed a new gap (coordinators)"),
        template="enquiries/email/gap_proposed",
        build=proposed_gap_context,
    )


@hooks.register("register_personal_data")
def enquiry_personal_data(user):
    """What the log holds about the person who logs: which entries they made (the
    entries themselves are about nobody)."""
    from .models import OutreachVisit, ServiceGap

    return "enquiries", {
        "enquiries_logged": Enquiry.objects.filter(author=user).count(),
        "outreach_visits_recorded": OutreachVisit.objects.filter(author=user).count(),
        "service_gaps_proposed": list(
            ServiceGap.objects.filter(proposed_by=user).values_list("title", flat=True)
        ),
    }


@hooks.register("register_demo_data", order=60)
def load_demo(stdout):
    from .demo import load

    load(stdout)


DETAILS = 4  # gap titles under each waiting item


@hooks.register("register_waiting_items")
def service_gaps_waiting(request):
    """For coordinators: gaps staff proposed that nobody has looked at, and gaps raised with
    a service that has not answered, each with the first few gaps by name (oldest first).
    The dashboard lists waiting gaps here only, not in a panel of their own as well."""
    from django.urls import reverse

    from intranet.core.waiting import WaitingItem

    from .choices import GapStatus
    from .models import ServiceGap

    if not is_coordinator(request.user):
        return []
    counts = dict(
        ServiceGap.objects.filter(status__in=[GapStatus.DRAFT, GapStatus.RAISED])
        .values_list("status")
        .annotate(n=CountRows("pk"))
        .order_by()
    )
    url = reverse("enquiries:gap-list")
    waiting = waiting_gaps()
    return [
        WaitingItem(
            "gaps-proposed",
            _("Service gaps proposed, to look at"),
            counts.get(GapStatus.DRAFT, 0),
            url,
            order=50,
            details=[gap.title for gap in waiting["drafts"][:DETAILS]],
        ),
        WaitingItem(
            "gaps-no-response",
            _("Service gaps raised with no response yet"),
            counts.get(GapStatus.RAISED, 0),
            url,
            order=51,
            details=[
                f"{gap.title} — {gettext('since %(date)s') % {'date': day_label(gap.raised_on)}}"
                if gap.raised_on
                else gap.title
                for gap in waiting["raised"][:DETAILS]
            ],
        ),
    ]


@hooks.register("register_scale_data", order=60)
def seed_scale_data(run):
    from .demo.scale import seed

    seed(run)
