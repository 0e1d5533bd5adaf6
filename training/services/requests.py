"""Topic requests: staff propose what the programme should cover; coordinators triage."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from .. import notifications
from ..models import TopicRequest, TrainingModulePage, TrainingSession
from .errors import TrainingError


def triage_request(
    topic_request: TopicRequest,
    status: str,
    by: User,
    response: str = "",
    module: TrainingModulePage | None = None,
    session: TrainingSession | None = None,
) -> TopicRequest:
    """Answer a request. The requester is told by e-mail when its status changes."""
    if status == TopicRequest.Status.DECLINED and not response.strip():
        raise TrainingError(_("Say why the request is declined."))
    changed = status != topic_request.status
    topic_request.status = status
    topic_request.response = response
    topic_request.module = module
    topic_request.session = session
    topic_request.triaged_by = by
    topic_request.save()
    if changed:
        notifications.topic_request_status(topic_request)
    return topic_request
