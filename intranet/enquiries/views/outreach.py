"""Outreach visits: list, record, see (with the enquiries logged there), change."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from intranet.core.permissions import network_staff_required
from intranet.core.subqueries import count_of

from ..models import Enquiry
from ..services import access
from ..services.log import CREATED, EXISTING
from ..services.outreach import change_visit, record_visit, visit_form
from .field_mode import client_id as _client_id
from .field_mode import refused_form

PER_PAGE = 25


@network_staff_required
@require_GET
def visit_list(request):
    visits = (
        access.visible_visits(request.user)
        .select_related("office", "author")
        .prefetch_related("topics")
        .annotate(enquiry_count=count_of(Enquiry.objects.all(), "outreach_visit"))
        .order_by("-date", "-created_at", "-pk")
    )
    page_obj = Paginator(visits, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "enquiries/outreach_list.html",
        {"page_title": _("Outreach visits"), "page_obj": page_obj},
    )


@network_staff_required
@require_http_methods(["GET", "POST"])
def visit_new(request):
    client_id = ""
    if request.method == "POST":
        result = record_visit(request.user, request.POST, client_id=_client_id(request))
        if result.status in (CREATED, EXISTING):
            if result.status == CREATED:
                messages.success(request, _("Visit saved. You can log the enquiries made there."))
            else:
                messages.info(request, _("This visit had already been saved."))
            return redirect("enquiries:outreach-detail", result.entry.pk)
        form, client_id = refused_form(
            result, request, lambda user, data: visit_form(user, data, initial={})
        )
    else:
        form = visit_form(request.user)
    return render(
        request,
        "enquiries/outreach_form.html",
        {
            "page_title": _("Record an outreach visit"),
            "form": form,
            "field_mode": True,
            "client_id": client_id,
            "today": timezone.localdate(),
        },
    )


@network_staff_required
@require_GET
def visit_detail(request, pk):
    visit = get_object_or_404(
        access.visible_visits(request.user).select_related("office", "author"), pk=pk
    )
    return render(
        request,
        "enquiries/outreach_detail.html",
        {
            "page_title": _("Outreach visit"),
            "visit": visit,
            "topics": [t.get_topic_display() for t in visit.topics.all()],
            "enquiries": visit.enquiries.select_related("provider").order_by("created_at")[:100],
            "changeable": access.can_change(request.user, visit),
        },
    )


@network_staff_required
@require_http_methods(["GET", "POST"])
def visit_edit(request, pk):
    visit = get_object_or_404(access.visible_visits(request.user), pk=pk)
    if not access.can_change(request.user, visit):
        raise PermissionDenied
    form = visit_form(request.user, request.POST or None, instance=visit, initial={})
    if request.method == "POST" and form.is_valid():
        change_visit(form)
        messages.success(request, _("The visit was changed."))
        return redirect("enquiries:outreach-detail", visit.pk)
    return render(
        request,
        "enquiries/outreach_form.html",
        {"page_title": _("Change an outreach visit"), "form": form, "visit": visit},
    )
