"""Training sessions in the site search (network staff only), by title, module, trainer,
place and office; each result says when and where."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from intranet.core.roles import is_staff_member
from intranet.core.search import SearchHit, SearchType

from .models import TrainingSession


def visible_sessions(request):
    if not is_staff_member(request.user):
        return None
    return TrainingSession.objects.select_related("module", "office")


def session_hit(session, request) -> SearchHit:
    when = date_format(timezone.localtime(session.starts_at), "DATETIME_FORMAT")
    kind = " · ".join(p for p in [when, session.place_label] if p)
    if session.is_cancelled:
        kind = f"{kind} · {session.get_status_display()}"
    return SearchHit(
        title=session.display_title,
        url=reverse("training:session-detail", args=[session.pk]),
        kind=kind,
        texts=[session.module.title, session.trainer, session.notes],
    )


SESSIONS = SearchType(
    key="sessions",
    label=_("Training sessions"),
    order=40,
    queryset=visible_sessions,
    hit=session_hit,
)
