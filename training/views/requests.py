from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from intranet.core.permissions import coordinator_required, network_staff_required

from ..forms import TopicRequestForm, TriageForm
from ..models import TopicRequest
from ..services.requests import triage_request
from . import paginate


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
        {"page_title": _("Topic requests"), "form": form, "page_obj": paginate(request, mine)},
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
            "page_obj": paginate(request, requests),
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
        triage_request(
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
