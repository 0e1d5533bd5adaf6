"""Field mode: the forms' device-made identifiers, and the sync of entries kept on a phone
without a signal.

The enquiry and outreach forms carry a ``client_id`` made by the page's script: posting
the same form twice (a signal that drops, a second tap) stores one entry. Entries kept
offline arrive at ``sync`` as JSON, posted with the session and the CSRF header like any
form of the intranet:

    {"entries": [{"client_id": "<uuid made on the device>", "kind": "enquiry" | "visit",
                  "data": {"<field>": ["<value>", ...], ...}}, ...]}

Each entry goes through the same function as the form (``record_enquiry`` /
``record_visit``), so the same rules apply (privacy checks, staff only for their own
office). The answer says, entry by entry, ``created``, ``existing`` (this identifier was
stored before: nothing new) or ``refused`` with the form's messages for the person.
"""

import json

from django.http import JsonResponse, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet.core.params import parse_id
from intranet.core.permissions import network_staff_required

from ..services import access
from ..services.log import REFUSED, RecordResult, record_enquiry
from ..services.outreach import record_visit

MAX_ENTRIES = 50
MAX_VALUES = 60


def client_id(request) -> str | None:
    """The identifier the form's script made on the device (None without JavaScript)."""
    return request.POST.get("client_id") or None


def refused_form(result: RecordResult, request, make_form):
    """The form to show again after a refusal, with every reason on it, and the identifier
    to keep in it (the device's copy of the entry is then the form on screen)."""
    form = result.form
    if form is None:
        # Refused for its identifier alone (not valid, or someone else's): a new one is made.
        form = make_form(request.user, request.POST)
        form.is_valid()
        for message in result.errors.get("client_id", []):
            form.add_error(None, message)
        return form, ""
    return form, client_id(request) or ""


def _bad_request(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400)


def _form_data(data) -> QueryDict | None:
    """The entry's fields as the form would receive them (a field may hold several values,
    like the topics of a visit). None when the shape is wrong."""
    if not isinstance(data, dict) or len(data) > MAX_VALUES:
        return None
    query = QueryDict(mutable=True)
    for name, values in data.items():
        if not isinstance(values, list):
            values = [values]
        if len(values) > MAX_VALUES or not all(isinstance(v, str | int | bool) for v in values):
            return None
        if any("\x00" in str(v) for v in values) or "\x00" in name:
            return None
        query.setlist(str(name), [str(v) for v in values])
    return query


def _messages(result: RecordResult) -> list[str]:
    """The reasons for a refusal, each with the label of its field, as the person reads them."""
    messages = []
    fields = result.form.fields if result.form is not None else {}
    for name, errors in result.errors.items():
        label = fields[name].label if name in fields else None
        messages += [f"{label}: {error}" if label else error for error in errors]
    return messages


def _record(user, entry) -> dict:
    if not isinstance(entry, dict):
        return {"client_id": None, "status": REFUSED, "errors": [_("This entry is not valid.")]}
    client_id = entry.get("client_id")
    kind = entry.get("kind")
    data = _form_data(entry.get("data"))
    answer = {"client_id": client_id if isinstance(client_id, str) else None}
    if not isinstance(client_id, str) or not client_id:
        return {**answer, "status": REFUSED, "errors": [_("The entry identifier is not valid.")]}
    if data is None or kind not in ("enquiry", "visit"):
        return {**answer, "status": REFUSED, "errors": [_("This entry is not valid.")]}
    if kind == "enquiry":
        visit = None
        if (visit_pk := parse_id(data.get("visit"))) is not None:
            visit = access.visible_visits(user).filter(pk=visit_pk).first()
        result = record_enquiry(user, data, client_id=client_id, visit=visit)
        detail = "enquiries:enquiry-detail"
    else:
        result = record_visit(user, data, client_id=client_id)
        detail = "enquiries:outreach-detail"
    answer["status"] = result.status
    if result.status == REFUSED:
        answer["errors"] = _messages(result)
    elif result.entry is not None:
        answer["url"] = reverse(detail, args=[result.entry.pk])
    return answer


@network_staff_required
@require_POST
def sync(request):
    if request.content_type != "application/json":
        return _bad_request(_("The entries could not be read."))
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return _bad_request(_("The entries could not be read."))
    entries = payload.get("entries") if isinstance(payload, dict) else None
    if not isinstance(entries, list):
        return _bad_request(_("The entries could not be read."))
    if len(entries) > MAX_ENTRIES:
        return _bad_request(_("Send at most %(count)s entries at a time.") % {"count": MAX_ENTRIES})
    response = JsonResponse({"results": [_record(request.user, entry) for entry in entries]})
    response["Cache-Control"] = "no-store"
    return response
