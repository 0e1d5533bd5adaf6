from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet.core.permissions import coordinator_required, network_staff_required

from ..forms import AttendanceFormSet, WalkInForm
from ..models import TrainingModulePage, TrainingSession
from ..services import attendance
from ..services.errors import TrainingError
from ..templatetags.training_tags import hours as format_hours


def _save_register(session, formset, lines, by) -> bool:
    """Record every line with a status; False (errors on the lines) if any was refused."""
    people = {line.person.pk: line.person for line in lines}
    saved = True
    for form in formset:
        data = form.cleaned_data
        person = people.get(data.get("user_id"))
        if person is None or not data.get("status"):
            continue
        try:
            attendance.record_attendance(session, person, data["status"], data["hours"], by)
        except TrainingError as error:
            form.add_error("hours", str(error))
            saved = False
    return saved


@coordinator_required
def attendance_register(request, pk):
    session = get_object_or_404(TrainingSession.objects.select_related("module", "office"), pk=pk)
    duration = session.duration_hours
    lines = attendance.register_lines(session)
    initial = [
        {
            "user_id": line.person.pk,
            "status": line.attendance.status if line.attendance else "",
            "hours": line.attendance.hours if line.attendance else None,
        }
        for line in lines
    ]
    candidates = attendance.walk_in_candidates(session, lines)

    def register(data=None):
        return AttendanceFormSet(
            data, initial=initial, prefix="line", form_kwargs={"duration": duration}
        )

    formset = register()
    walk_in = WalkInForm(prefix="walkin", people=candidates)
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
            walk_in = WalkInForm(request.POST, prefix="walkin", people=candidates)
            if walk_in.is_valid():
                data = walk_in.cleaned_data
                try:
                    attendance.record_attendance(
                        session, data["user"], data["status"], data["hours"], request.user
                    )
                except TrainingError as error:
                    walk_in.add_error("hours", str(error))
                else:
                    messages.success(request, _("Walk-in recorded."))
                    return redirect("training:attendance", pk=pk)
        else:
            formset = register(request.POST)
            if formset.is_valid() and _save_register(session, formset, lines, request.user):
                messages.success(request, _("Attendance saved."))
                return redirect("training:attendance", pk=pk)
    if len(formset.forms) != len(lines):
        # Someone booked while the register was open: show the register afresh.
        formset = register()
    return render(
        request,
        "training/attendance_register.html",
        {
            "page_title": _("Attendance register"),
            "session": session,
            "duration": duration,
            "formset": formset,
            "lines": [
                {"person": line.person, "form": form, "attendance": line.attendance}
                for line, form in zip(lines, formset, strict=True)
            ],
            "walk_in": walk_in,
        },
    )


@require_POST
@network_staff_required
def self_study_complete(request, module_id):
    module = get_object_or_404(TrainingModulePage, pk=module_id)
    try:
        _completion, created = attendance.complete_self_study(request.user, module)
    except TrainingError as error:
        messages.error(request, str(error))
    else:
        if created:
            messages.success(
                request,
                _("Self-study recorded: %(hours)s h added to your hours.")
                % {"hours": format_hours(module.self_study_hours)},
            )
        else:
            messages.info(
                request, _("You had already recorded this self-study; your hours are unchanged.")
            )
    return redirect(module.url)
