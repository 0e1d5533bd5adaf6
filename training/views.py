import csv
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from intranet.core.params import parse_id
from intranet.core.permissions import coordinator_required, network_staff_required
from intranet.core.reports import safe_cell
from intranet.core.roles import is_coordinator
from intranet.core.throttling import rate_limited
from intranet.core.tokens import current_token, issue_token, token_or_session
from network.models import SupportOfficePage

from . import services
from .documents import certificate_pdf, sessions_calendar
from .forms import AttendanceFormSet, TopicRequestForm, TriageForm, WalkInForm
from .models import (
    CALENDAR_PURPOSE,
    Booking,
    Certificate,
    TopicRequest,
    TrainingModulePage,
    TrainingSession,
)

PER_PAGE = 25


def _page(request, items, per_page=PER_PAGE):
    return Paginator(items, per_page).get_page(request.GET.get("page"))


# --- Sessions and bookings -------------------------------------------------------------


def _sessions_with_counts():
    return TrainingSession.objects.select_related("module", "office").annotate(
        booked_count=Count("bookings", filter=Q(bookings__status=Booking.Status.BOOKED))
    )


@network_staff_required
def session_list(request):
    past = request.GET.get("when") == "past"
    now = timezone.now()
    sessions = _sessions_with_counts()
    sessions = (
        sessions.filter(starts_at__lte=now).order_by("-starts_at")
        if past
        else sessions.filter(starts_at__gt=now).order_by("starts_at")
    )
    page_obj = _page(request, sessions)
    page_obj.object_list = services.mark_my_bookings(page_obj.object_list, request.user)
    return render(
        request,
        "training/session_list.html",
        {"page_title": _("Training sessions"), "page_obj": page_obj, "past": past},
    )


@network_staff_required
def session_detail(request, pk):
    session = get_object_or_404(_sessions_with_counts(), pk=pk)
    booking = (
        Booking.objects.filter(session=session, user=request.user)
        .exclude(status=Booking.Status.CANCELLED)
        .first()
    )
    return render(
        request,
        "training/session_detail.html",
        {
            "page_title": session.display_title,
            "session": session,
            "booking": booking,
            "waiting_position": services.waiting_position(booking) if booking else None,
            "seats_left": max(session.capacity - session.booked_count, 0),
            "waitlist_count": session.bookings.filter(status=Booking.Status.WAITLISTED).count(),
            "can_manage": is_coordinator(request.user),
        },
    )


@require_POST
@network_staff_required
def session_book(request, pk):
    get_object_or_404(TrainingSession, pk=pk)
    try:
        booking = services.book_session(request.user, pk)
    except services.TrainingError as error:
        messages.error(request, str(error))
    else:
        if booking.status == Booking.Status.BOOKED:
            messages.success(
                request, _("Your place is booked. A confirmation is on its way by email.")
            )
        else:
            messages.warning(
                request,
                _(
                    "The session is full: you are on the waiting list and will get an email "
                    "if a place frees up."
                ),
            )
    return redirect("training:session-detail", pk=pk)


@require_POST
@network_staff_required
def session_cancel(request, pk):
    get_object_or_404(TrainingSession, pk=pk)
    try:
        services.cancel_booking(request.user, pk)
    except services.TrainingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your booking is cancelled."))
    return redirect("training:session-detail", pk=pk)


# --- Attendance register ---------------------------------------------------------------


@coordinator_required
def attendance_register(request, pk):
    session = get_object_or_404(TrainingSession.objects.select_related("module", "office"), pk=pk)
    duration = session.duration_hours
    bookings = list(
        session.bookings.filter(status=Booking.Status.BOOKED)
        .select_related("user")
        .order_by("user__first_name", "user__last_name")
    )
    recorded = {a.user_id: a for a in session.attendances.select_related("user")}
    people = {b.user_id: b.user for b in bookings}
    for attendance in recorded.values():
        people.setdefault(attendance.user_id, attendance.user)
    rows = list(people.values())
    initial = [
        {
            "user_id": person.pk,
            "status": recorded[person.pk].status if person.pk in recorded else "",
            "hours": recorded[person.pk].hours if person.pk in recorded else None,
        }
        for person in rows
    ]
    walk_in_people = services.programme_people().exclude(pk__in=people.keys())
    formset = AttendanceFormSet(
        request.POST or None, initial=initial, prefix="line", form_kwargs={"duration": duration}
    )
    walk_in = WalkInForm(request.POST or None, prefix="walkin", people=walk_in_people)
    if request.method == "POST":
        if session.is_cancelled or not session.is_past:
            messages.error(
                request,
                _("This session was cancelled: no attendance can be recorded.")
                if session.is_cancelled
                else _("Attendance can be recorded once the session has started."),
            )
            return redirect("training:session-detail", pk=pk)
        if "add_walk_in" in request.POST:
            if walk_in.is_valid():
                try:
                    services.record_attendance(
                        session,
                        walk_in.cleaned_data["user"],
                        walk_in.cleaned_data["status"],
                        walk_in.cleaned_data["hours"],
                        request.user,
                    )
                except services.TrainingError as error:
                    walk_in.add_error("hours", str(error))
                else:
                    messages.success(request, _("Walk-in recorded."))
                    return redirect("training:attendance", pk=pk)
            formset = AttendanceFormSet(
                initial=initial, prefix="line", form_kwargs={"duration": duration}
            )
        elif formset.is_valid():
            by_id = {p.pk: p for p in rows}
            errors = False
            for form in formset:
                data = form.cleaned_data
                person = by_id.get(data.get("user_id"))
                if person is None or not data.get("status"):
                    continue
                try:
                    services.record_attendance(
                        session, person, data["status"], data["hours"], request.user
                    )
                except services.TrainingError as error:
                    form.add_error("hours", str(error))
                    errors = True
            if not errors:
                messages.success(request, _("Attendance saved."))
                return redirect("training:attendance", pk=pk)
        if walk_in.is_bound and "add_walk_in" not in request.POST:
            walk_in = WalkInForm(prefix="walkin", people=walk_in_people)
    if len(formset.forms) != len(rows):
        # Someone booked while the register was open: show the register afresh.
        formset = AttendanceFormSet(
            initial=initial, prefix="line", form_kwargs={"duration": duration}
        )
    lines = [
        {"person": person, "form": form, "attendance": recorded.get(person.pk)}
        for person, form in zip(rows, formset, strict=True)
    ]
    return render(
        request,
        "training/attendance_register.html",
        {
            "page_title": _("Attendance register"),
            "session": session,
            "duration": duration,
            "formset": formset,
            "lines": lines,
            "walk_in": walk_in,
        },
    )


# --- Self-study ------------------------------------------------------------------------


@require_POST
@network_staff_required
def self_study_complete(request, module_id):
    module = get_object_or_404(TrainingModulePage, pk=module_id)
    try:
        _completion, created = services.complete_self_study(request.user, module)
    except services.TrainingError as error:
        messages.error(request, str(error))
    else:
        if created:
            messages.success(
                request,
                _("Self-study recorded: %(hours)s h added to your hours.")
                % {"hours": module.self_study_hours},
            )
        else:
            messages.info(
                request, _("You had already recorded this self-study; your hours are unchanged.")
            )
    return redirect(module.url)


# --- Progress (hours ledger) -----------------------------------------------------------


@network_staff_required
def progress(request, user_id=None):
    person = request.user if user_id is None else get_object_or_404(User, pk=user_id)
    if not services.can_see_ledger(request.user, person):
        raise PermissionDenied
    ledger = services.ledger_for(person)
    certificate = services.issue_certificate_if_due(person) if ledger.reached else None
    return render(
        request,
        "training/progress.html",
        {
            "page_title": _("Training hours"),
            "person": person,
            "is_self": person.pk == request.user.pk,
            "ledger": ledger,
            "certificate": certificate,
            "next_booking": services.next_booking(person),
        },
    )


# --- Calendar feeds --------------------------------------------------------------------


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@token_or_session(CALENDAR_PURPOSE)
def my_sessions_ics(request, person):
    sessions = (
        TrainingSession.objects.filter(
            bookings__user=person, bookings__status=Booking.Status.BOOKED
        )
        .select_related("module", "office")
        .order_by("starts_at")
    )
    name = _("My training sessions") + f" — {person.get_full_name() or person.get_username()}"
    return _ics_response(sessions_calendar(sessions, name), "my-sessions.ics")


@token_or_session(CALENDAR_PURPOSE)
def all_sessions_ics(request, person):
    since = timezone.now() - timezone.timedelta(days=365)
    sessions = (
        TrainingSession.objects.filter(starts_at__gte=since)
        .select_related("module", "office")
        .order_by("starts_at")
    )
    return _ics_response(
        sessions_calendar(sessions, _("Training sessions")), "training-sessions.ics"
    )


@network_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def calendar_feeds(request):
    """The person's calendar addresses; made (or changed, if one leaked) by a POST."""
    if request.method == "POST":
        had_one = current_token(request.user, CALENDAR_PURPOSE) is not None
        issue_token(request.user, CALENDAR_PURPOSE)
        if had_one:
            messages.success(request, _("New feed addresses created; the old ones no longer work."))
        else:
            messages.success(request, _("Your calendar addresses are ready."))
        return redirect("training:calendar")
    token = current_token(request.user, CALENDAR_PURPOSE)
    context = {"page_title": _("Calendar feeds"), "token": token}
    if token is not None:
        query = f"?token={token.token}"
        context["my_feed"] = request.build_absolute_uri(reverse("training:my-sessions-ics")) + query
        context["all_feed"] = request.build_absolute_uri(reverse("training:sessions-ics")) + query
    return render(request, "training/calendar_feeds.html", context)


# --- Topic requests --------------------------------------------------------------------


@network_staff_required
def request_list(request):
    form = TopicRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        topic_request = form.save(commit=False)
        topic_request.requester = request.user
        topic_request.save()
        messages.success(request, _("Thank you: your request was sent to the coordinators."))
        return redirect("training:request-list")
    mine = TopicRequest.objects.filter(requester=request.user).select_related(
        "module", "session__module"
    )
    return render(
        request,
        "training/request_list.html",
        {"page_title": _("Topic requests"), "form": form, "page_obj": _page(request, mine)},
    )


@coordinator_required
def request_triage_list(request):
    status = request.GET.get("status", "")
    requests = TopicRequest.objects.select_related("requester", "module", "session__module")
    if status in TopicRequest.Status.values:
        requests = requests.filter(status=status)
    return render(
        request,
        "training/request_triage_list.html",
        {
            "page_title": _("Topic requests to triage"),
            "page_obj": _page(request, requests),
            "status": status,
            "statuses": TopicRequest.Status.choices,
        },
    )


@coordinator_required
def request_triage(request, pk):
    topic_request = get_object_or_404(TopicRequest.objects.select_related("requester"), pk=pk)
    previous = topic_request.status
    form = TriageForm(request.POST or None, instance=topic_request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        topic_request.status = previous  # the service decides whether the status changed
        services.triage_request(
            topic_request,
            data["status"],
            request.user,
            response=data["response"],
            module=data["module"],
            session=data["session"],
        )
        messages.success(
            request, _("Request updated; the requester is told by email when its status changes.")
        )
        return redirect("training:request-triage-list")
    return render(
        request,
        "training/request_triage.html",
        {"page_title": _("Triage a topic request"), "form": form, "topic_request": topic_request},
    )


# --- Coordinator report ----------------------------------------------------------------


def _report_context(request):
    offices = list(SupportOfficePage.objects.order_by("title").only("id", "title"))
    people = services.programme_people()
    office = request.GET.get("office", "")
    if (office_id := parse_id(office)) is not None:
        people = people.filter(profile__office_id=office_id)
    programme = services.current_programme()
    modules = services._modules(programme)
    rows = services.report_rows(people, programme=programme, modules=modules)
    behind_only = request.GET.get("behind") == "1"
    if behind_only:
        rows = [row for row in rows if row.ledger.behind_schedule]
    return {
        "offices": offices,
        "office": office,
        "behind_only": behind_only,
        "modules": modules,
        "rows": rows,
        "programme": programme,
    }


@coordinator_required
def report(request):
    context = _report_context(request)
    page_obj = _page(request, context["rows"], per_page=50)
    target = context["programme"].target_hours if context["programme"] else 60
    scale = Decimal(max([target, *[row.ledger.total for row in page_obj]]))
    bar_width = 400
    chart = [
        {
            "row": row,
            "y": 10 + index * 26,
            "width": int(row.ledger.total * bar_width / scale) if scale else 0,
            "expected_x": 180 + int(row.ledger.expected_by_now * bar_width / scale)
            if scale
            else 180,
        }
        for index, row in enumerate(page_obj)
    ]
    context.update(
        {
            "page_title": _("Training report"),
            "page_obj": page_obj,
            "chart": chart,
            "chart_height": 20 + 26 * len(chart),
            "target_x": 180 + int(Decimal(target) * bar_width / scale) if scale else 580,
            "behind_count": sum(1 for row in context["rows"] if row.ledger.behind_schedule),
        }
    )
    return render(request, "training/report.html", context)


@coordinator_required
def report_csv(request):
    context = _report_context(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="training-report.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the accents right
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Name"),
            _("Username"),
            _("Office"),
            *[safe_cell(module.title) for module in context["modules"]],
            _("Total hours"),
            _("Target"),
            _("Behind schedule"),
        ]
    )
    for row in context["rows"]:
        ledger = row.ledger
        writer.writerow(
            [
                safe_cell(row.user.get_full_name()),
                safe_cell(row.user.get_username()),
                safe_cell(row.office.title if row.office else ""),
                *[f"{m.total:.2f}" for m in ledger.modules],
                f"{ledger.total:.2f}",
                f"{ledger.target:.0f}",
                _("yes") if ledger.behind_schedule else _("no"),
            ]
        )
    return response


# --- Certificates ----------------------------------------------------------------------


@network_staff_required
def certificate_download(request, code):
    certificate = get_object_or_404(Certificate.objects.select_related("user"), code=code)
    if not services.can_see_ledger(request.user, certificate.user):
        raise PermissionDenied
    response = HttpResponse(
        certificate_pdf(certificate, request.LANGUAGE_CODE), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


@login_not_required
@rate_limited("certificate-verify", target=lambda request, code: code)
def certificate_verify(request, code):
    """Anyone holding the code (an employer, say) may confirm the certificate is genuine."""
    certificate = Certificate.objects.filter(code=code.upper()).first()
    if certificate is None:
        response = render(
            request,
            "training/certificate_verify.html",
            {"page_title": _("Certificate not found"), "certificate": None, "code": code},
        )
        response.status_code = 404
        return response
    return render(
        request,
        "training/certificate_verify.html",
        {"page_title": _("Certificate verified"), "certificate": certificate, "code": code},
    )
