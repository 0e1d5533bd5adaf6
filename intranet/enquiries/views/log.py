"""The enquiry log: list, log one, see one, change one, and the answer at hand."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from intranet.core.params import parse_id
from intranet.core.permissions import network_staff_required
from intranet.core.resources import resources_for
from intranet.core.topics import ENQUIRY_TOPIC_SLUGS, SUBTOPICS, topic_label
from network.models import SupportOfficePage
from network.office_filter import find_office, office_filter

from ..models import OutreachVisit
from ..services import access
from ..services.log import (
    CREATED,
    EXISTING,
    change_enquiry,
    enquiry_form,
    initial_values,
    record_enquiry,
)
from .field_mode import client_id as _client_id
from .field_mode import refused_form

PER_PAGE = 25
RESOURCES_INTENT = "resources"


@network_staff_required
@require_GET
def enquiry_list(request):
    enquiries = access.visible_enquiries(request.user).select_related(
        "office", "provider", "author"
    )
    offices = None
    if access.sees_all_offices(request.user):
        offices = office_filter(request.GET, SupportOfficePage.objects.live(), request=request)
        if offices.office_ids is not None:
            enquiries = enquiries.filter(office_id__in=offices.office_ids)
    topic = request.GET.get("topic", "")
    if topic in ENQUIRY_TOPIC_SLUGS:
        enquiries = enquiries.filter(topic=topic)
    page_obj = Paginator(enquiries, PER_PAGE).get_page(request.GET.get("page"))
    for enquiry in page_obj:
        enquiry.changeable = access.can_change(request.user, enquiry)
    return render(
        request,
        "enquiries/log.html",
        {
            "page_title": _("Enquiry log"),
            "page_obj": page_obj,
            "office_filter": offices,
            "topic": topic,
            "own_office": access.own_office(request.user),
        },
    )


def _answer_at_hand(request, topic, office) -> dict | None:
    """What the intranet has on ``topic``, near ``office`` (an id, or the office's name or
    municipality as typed in a large network)."""
    if topic not in ENQUIRY_TOPIC_SLUGS:
        return None
    municipality = ""
    text = " ".join(str(office or "").split())[:100]
    if text:
        found, _matches = find_office(SupportOfficePage.objects.all(), text)
        municipality = found.municipality if found is not None else ""
    return {
        "topic_label": topic_label(topic),
        "groups": resources_for(request, topic, municipality),
    }


def _resources(request, form):
    """The answer at hand for the topic and office in the form, if any."""
    return _answer_at_hand(request, form["topic"].value(), form["office"].value())


def _visit(request) -> OutreachVisit | None:
    visit_id = request.GET.get("visit") or request.POST.get("visit")
    if (visit_pk := parse_id(visit_id)) is None:
        return None
    return get_object_or_404(access.visible_visits(request.user), pk=visit_pk)


@network_staff_required
@require_http_methods(["GET", "POST"])
def enquiry_new(request):
    visit = _visit(request)
    resources = None
    client_id = ""
    if request.method == "POST":
        if request.POST.get("intent") == RESOURCES_INTENT:
            # Without JavaScript: show the answer at hand, keep what was typed, save nothing
            # (an unbound form, so nothing is reported as an error yet).
            form = enquiry_form(request.user, initial=request.POST.dict())
            resources = _resources(request, form)
        else:
            result = record_enquiry(
                request.user, request.POST, visit=visit, client_id=_client_id(request)
            )
            if result.status in (CREATED, EXISTING):
                if result.status == CREATED:
                    messages.success(request, _("Enquiry saved. Thank you."))
                else:
                    messages.info(request, _("This enquiry had already been saved."))
                if visit is not None:
                    return redirect("enquiries:outreach-detail", visit.pk)
                return redirect("enquiries:log")
            form, client_id = refused_form(result, request, enquiry_form)
            resources = _resources(request, form)
    else:
        form = enquiry_form(request.user, initial=initial_values(request.user, visit))
    return render(
        request,
        "enquiries/enquiry_form.html",
        {
            "page_title": _("Log an enquiry"),
            "form": form,
            "visit": visit,
            "resources": resources,
            "subtopics": SUBTOPICS,
            "field_mode": True,
            "client_id": client_id,
            "today": timezone.localdate(),
        },
    )


@network_staff_required
@require_GET
def enquiry_detail(request, pk):
    enquiry = get_object_or_404(
        access.visible_enquiries(request.user).select_related(
            "office", "provider", "author", "outreach_visit"
        ),
        pk=pk,
    )
    return render(
        request,
        "enquiries/enquiry_detail.html",
        {
            "page_title": _("Enquiry"),
            "enquiry": enquiry,
            "changes": enquiry.changes.select_related("changed_by"),
            "changeable": access.can_change(request.user, enquiry),
            "correction": access.is_correction(request.user, enquiry),
        },
    )


@network_staff_required
@require_http_methods(["GET", "POST"])
def enquiry_edit(request, pk):
    enquiry = get_object_or_404(access.visible_enquiries(request.user), pk=pk)
    if not access.can_change(request.user, enquiry):
        raise PermissionDenied(_("This entry is locked: ask a coordinator to correct it."))
    correction = access.is_correction(request.user, enquiry)
    resources = None
    if request.method == "POST" and request.POST.get("intent") == RESOURCES_INTENT:
        form = enquiry_form(
            request.user, instance=enquiry, correction=correction, initial=request.POST.dict()
        )
        resources = _resources(request, form)
    elif request.method == "POST":
        form = enquiry_form(request.user, request.POST, instance=enquiry, correction=correction)
        if form.is_valid():
            change_enquiry(request.user, enquiry, form)
            messages.success(request, _("The entry was changed."))
            return redirect("enquiries:enquiry-detail", enquiry.pk)
    else:
        form = enquiry_form(request.user, instance=enquiry, correction=correction)
    return render(
        request,
        "enquiries/enquiry_form.html",
        {
            "page_title": _("Correct an enquiry") if correction else _("Change an enquiry"),
            "form": form,
            "enquiry": enquiry,
            "correction": correction,
            "resources": resources,
        },
    )


@network_staff_required
@require_GET
def answer_at_hand(request):
    """The answer at hand as an HTML fragment, fetched by the form's script when a topic
    is chosen (the same block the form shows after its "show" button without JavaScript)."""
    resources = _answer_at_hand(request, request.GET.get("topic"), request.GET.get("office"))
    response = render(request, "enquiries/includes/answer_at_hand.html", {"resources": resources})
    response["Cache-Control"] = "private, max-age=300"
    return response
