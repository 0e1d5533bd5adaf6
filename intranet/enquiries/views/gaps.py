"""Service gaps: staff propose, coordinators follow them up and write to the service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intranet.core.permissions import coordinator_required, network_staff_required
from intranet.core.reports.pdf import pdf_response
from intranet.core.roles import is_coordinator

from ..choices import GAP_TRANSITIONS, OPEN_GAP_STATUSES, GapStatus
from ..forms import GapStatusForm, ServiceGapForm
from ..letters import alert_letter, alert_letter_pdf
from ..services.gaps import change_status, evidence, gaps_list, propose_gap

PER_PAGE = 20


def _can_edit(user, gap) -> bool:
    return is_coordinator(user) or (gap.proposed_by_id == user.pk and gap.status == GapStatus.DRAFT)


@network_staff_required
@require_GET
def gap_list(request):
    show = request.GET.get("show", "open")
    gaps = gaps_list()
    if show != "all":
        gaps = gaps.filter(status__in=OPEN_GAP_STATUSES)
    page_obj = Paginator(gaps, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "enquiries/gap_list.html",
        {"page_title": _("Service gaps"), "page_obj": page_obj, "show": show},
    )


@network_staff_required
@require_http_methods(["GET", "POST"])
def gap_new(request):
    form = ServiceGapForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        gap = propose_gap(request.user, form)
        messages.success(request, _("Service gap proposed. The coordinators have been told."))
        return redirect("enquiries:gap-detail", gap.pk)
    return render(
        request,
        "enquiries/gap_form.html",
        {"page_title": _("Propose a service gap"), "form": form},
    )


@network_staff_required
@require_http_methods(["GET", "POST"])
def gap_edit(request, pk):
    gap = get_object_or_404(gaps_list(), pk=pk)
    if not _can_edit(request.user, gap):
        raise PermissionDenied
    form = ServiceGapForm(request.POST or None, instance=gap)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The service gap was changed."))
        return redirect("enquiries:gap-detail", gap.pk)
    return render(
        request,
        "enquiries/gap_form.html",
        {"page_title": _("Change a service gap"), "form": form, "gap": gap},
    )


def _detail(request, gap, status_form=None):
    coordinator = is_coordinator(request.user)
    if coordinator and status_form is None and GAP_TRANSITIONS[gap.status]:
        status_form = GapStatusForm(gap=gap)
    return render(
        request,
        "enquiries/gap_detail.html",
        {
            "page_title": gap.title,
            "gap": gap,
            "evidence": evidence(gap),
            "events": gap.events.select_related("by"),
            "status_form": status_form,
            "coordinator": coordinator,
            "can_edit": _can_edit(request.user, gap),
        },
    )


@network_staff_required
@require_GET
def gap_detail(request, pk):
    return _detail(request, get_object_or_404(gaps_list(), pk=pk))


@coordinator_required
@require_POST
def gap_status(request, pk):
    gap = get_object_or_404(gaps_list(), pk=pk)
    form = GapStatusForm(request.POST, gap=gap)
    if not form.is_valid():
        return _detail(request, gap, status_form=form)
    event = change_status(gap, request.user, form)
    messages.success(
        request, _("Status changed to “%(status)s”.") % {"status": event.get_status_display()}
    )
    return redirect("enquiries:gap-detail", gap.pk)


@network_staff_required
@require_GET
def gap_evidence_csv(request, pk):
    gap = get_object_or_404(gaps_list(), pk=pk)
    return evidence(gap).table.csv_response(f"lacuna-{gap.pk}-evidencia.csv")


@coordinator_required
@require_GET
def gap_letter(request, pk):
    gap = get_object_or_404(gaps_list(), pk=pk)
    return render(request, "enquiries/alert_letter.html", alert_letter(request, gap))


@coordinator_required
@require_GET
def gap_letter_pdf(request, pk):
    gap = get_object_or_404(gaps_list(), pk=pk)
    return pdf_response(f"alerta-lacuna-{gap.pk}.pdf", alert_letter_pdf(request, gap))
