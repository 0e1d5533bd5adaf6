from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from intranet.core.dashboard import DashboardPanel
from intranet.core.roles import is_staff_member
from intranet.people.services import is_colleague

from . import notifications  # noqa: F401 (registers the programme's e-mail kinds)
from .models import TrainingModulePage, TrainingSession
from .services import attendance, booking, ledger
from .services.personal_data import personal_data
from .services.summary import training_summary


@hooks.register("register_dashboard_panel")
def training_progress_panel(request):
    # Only the people who take the programme, as the coordinator report counts them: no
    # "behind schedule" for administrator accounts outside Staff/Coordinators.
    if not is_staff_member(request.user) or not is_colleague(request.user):
        return None
    summary = training_summary(request.user, request)
    return DashboardPanel(
        key="training-progress",
        icon="graduation",
        title=_("My training"),
        template_name="training/panels/progress.html",
        context={
            "ledger": summary.ledger,
            "next_booking": summary.next_booking,
            "certificate": summary.certificate,
        },
        order=20,
    )


@hooks.register("register_profile_panel")
def training_profile_panel(request, profile_user):
    """A person's training summary on their profile, for them and for coordinators only."""
    if not ledger.can_see_ledger(request.user, profile_user) or not is_staff_member(profile_user):
        return None
    return DashboardPanel(
        key="training-summary",
        title=_("Training"),
        template_name="training/panels/profile_summary.html",
        context={"ledger": training_summary(profile_user, request).ledger, "person": profile_user},
        order=20,
    )


@hooks.register("register_personal_data")
def training_personal_data(user):
    """The person's bookings, attendance, self-study, requests and certificate, for the
    people app's personal-data download."""
    return "training", personal_data(user)


@hooks.register("register_demo_data", order=30)
def load_training_demo(stdout):
    from .demo import load

    load(stdout)


@hooks.register("before_delete_page")
def keep_modules_with_recorded_hours(request, page):
    """A module with hours on record is not deleted (the hours would be lost): unpublish it."""
    if isinstance(page.specific, TrainingModulePage) and attendance.module_has_hours(page.specific):
        messages.error(
            request,
            _(
                "This module has recorded hours and cannot be deleted. "
                "Unpublish it instead: the hours stay in everyone's ledger."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_delete_snippet")
def keep_sessions_with_recorded_hours(request, instances):
    """A session with attendance on record is not deleted: cancel it instead."""
    sessions = [obj for obj in instances if isinstance(obj, TrainingSession)]
    if sessions and any(attendance.session_has_hours(session) for session in sessions):
        messages.error(
            request,
            _(
                "This session has recorded attendance and cannot be deleted. "
                "Set its status to cancelled instead; the hours are kept."
            ),
        )
        return redirect(TrainingSession.snippet_viewset.get_url_name("list"))
    return None


@hooks.register("after_edit_snippet")
def tell_people_when_a_session_is_cancelled(request, instance):
    if isinstance(instance, TrainingSession) and instance.is_cancelled:
        told = booking.cancel_session(instance)
        if told:
            messages.info(
                request,
                ngettext(
                    "%(count)d person booked on the session was told by email.",
                    "%(count)d people booked on the session were told by email.",
                    told,
                )
                % {"count": told},
            )


class TrainingSessionViewSet(SnippetViewSet):
    model = TrainingSession
    icon = "date"
    menu_label = _("Training sessions")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["__str__", "trainer", "office", "capacity", "status"]
    list_filter = ["status", "module"]
    ordering = ["-starts_at"]
    panels = [
        FieldPanel("module"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("office"), FieldPanel("place")]),
        FieldRowPanel([FieldPanel("trainer"), FieldPanel("capacity")]),
        FieldPanel("status"),
        FieldPanel("notes"),
    ]

    def get_queryset(self, request):
        return TrainingSession.objects.select_related("module", "office")


register_snippet(TrainingSessionViewSet)


@hooks.register("register_topic_suggestion")
def topic_request_from_suggestion(suggestion):
    """A frequent question from the enquiry insights becomes a topic request by the
    coordinator who suggested it, with the counts as its reason (once while it is new)."""
    from django.urls import reverse

    from intranet.core.suggestions import SuggestionReceipt

    from .models import TopicRequest

    request, created = TopicRequest.objects.get_or_create(
        requester=suggestion.suggested_by,
        topic=suggestion.topic[:200],
        status=TopicRequest.Status.NEW,
        defaults={"reason": suggestion.evidence},
    )
    message = (
        _("“%(topic)s” was added to the training topic requests.")
        if created
        else _("“%(topic)s” is already among the new training topic requests.")
    )
    return SuggestionReceipt(
        message=str(message) % {"topic": request.topic},
        url=reverse("training:request-triage", args=[request.pk]),
    )


@hooks.register("register_search_type")
def sessions_search_type():
    from .search import SESSIONS

    return SESSIONS


@hooks.register("register_waiting_items")
def training_waiting_items(request):
    """For coordinators: new topic requests to triage, and sessions held with people booked
    but no attendance recorded (the hours are not credited until it is)."""
    from django.db.models import Count, Exists, OuterRef, Q
    from django.urls import reverse
    from django.utils import timezone

    from intranet.core.roles import is_coordinator
    from intranet.core.waiting import WaitingItem

    from .models import Attendance, Booking, TopicRequest

    if not is_coordinator(request.user):
        return []
    new_requests = TopicRequest.objects.filter(status=TopicRequest.Status.NEW).count()
    held = (
        TrainingSession.objects.filter(
            status=TrainingSession.Status.SCHEDULED, ends_at__lte=timezone.now()
        )
        .annotate(booked=Count("bookings", filter=Q(bookings__status=Booking.Status.BOOKED)))
        .filter(booked__gt=0)
        .exclude(Exists(Attendance.objects.filter(session=OuterRef("pk"))))
        .select_related("module")
        .order_by("starts_at")
    )
    unrecorded = list(held[:3])
    unrecorded_count = held.count()
    return [
        WaitingItem(
            "topic-requests",
            _("Topic requests to triage"),
            new_requests,
            reverse("training:request-triage-list") + "?status=" + TopicRequest.Status.NEW,
            order=20,
        ),
        WaitingItem(
            "attendance",
            _("Sessions held without attendance recorded"),
            unrecorded_count,
            # The oldest first: one tap opens its register.
            reverse("training:attendance", args=[unrecorded[0].pk]) if unrecorded else "",
            order=30,
            details=[str(session) for session in unrecorded],
        ),
    ]


@hooks.register("register_scale_data", order=30)
def seed_scale_data(run):
    from .demo.scale import seed

    seed(run)
