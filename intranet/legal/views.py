from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from intranet.core.links import absolute_url
from intranet.core.permissions import coordinator_required, network_staff_required
from intranet.core.tokens import current_token, issue_token, token_or_session
from intranet.core.topics import TOPICS
from intranet.people.services import colleagues

from . import reports
from .feeds import LegalUpdatesFeed
from .models import FEED_PURPOSE, LegalUpdatePage
from .services import (
    AcknowledgementRefused,
    acknowledge,
    acknowledgements_by_office,
    is_overdue,
    readers_by_office,
    report_updates,
)

REPORT_PAGE_SIZE = 25
READERS_PAGE_SIZE = 50


def _refuse(request, message: str, page: LegalUpdatePage | None = None, status: int = 400):
    return render(
        request,
        "legal/acknowledge_refused.html",
        {"message": message, "update": page, "page_title": _("Acknowledgement refused")},
        status=status,
    )


@require_POST
@network_staff_required
def acknowledge_view(request, page_id: int):
    """ "I have read this": records the acknowledgement of the logged-in person, whatever
    else the form carries."""
    page = LegalUpdatePage.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404
    try:
        ack, created = acknowledge(request.user, page)
    except AcknowledgementRefused as refusal:
        return _refuse(request, str(refusal), page if page.live else None)
    when = formats.date_format(timezone.localtime(ack.acknowledged_at), "DATETIME_FORMAT")
    if created:
        messages.success(request, _("Thank you: your acknowledgement was recorded (%s).") % when)
    else:
        messages.info(request, _("You had already acknowledged this update (%s).") % when)
    return redirect(page.url)


@require_http_methods(["GET", "HEAD"])
@token_or_session(FEED_PURPOSE)
def feed_view(request, person, topic: str | None = None):
    """The Atom feed: for a logged-in staff member, or with a personal token for readers
    that keep no session. Without either, no content at all."""
    return LegalUpdatesFeed()(request, topic=topic)


@network_staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_feed_view(request):
    """The person's own feed addresses; made (or changed, if one leaked) by a POST."""
    if request.method == "POST":
        had_one = current_token(request.user, FEED_PURPOSE) is not None
        issue_token(request.user, FEED_PURPOSE)
        if had_one:
            messages.success(
                request, _("Your feed address was changed. The old one no longer works.")
            )
        else:
            messages.success(request, _("Your feed address is ready."))
        return redirect("legal:my-feed")
    token = current_token(request.user, FEED_PURPOSE)
    feed_url, topic_feeds = "", []
    if token is not None:
        query = f"?token={token.token}"
        feed_url = absolute_url(reverse("legal:feed"), request) + query
        topic_feeds = [
            (label, absolute_url(reverse("legal:topic-feed", args=[slug]), request) + query)
            for slug, label in TOPICS
        ]
    return render(
        request,
        "legal/my_feed.html",
        {
            "page_title": _("Your legal updates feed"),
            "token": token,
            "feed_url": feed_url,
            "topic_feeds": topic_feeds,
        },
    )


@coordinator_required
def report_view(request):
    page_obj = Paginator(report_updates(), REPORT_PAGE_SIZE).get_page(request.GET.get("page"))
    reader_count = colleagues().count()
    return render(
        request,
        "legal/report.html",
        {
            "page_title": _("Acknowledgement report"),
            "page_obj": page_obj,
            "reader_count": reader_count,
            "table": reports.updates_table(page_obj, reader_count),
        },
    )


def _must_read_update(page_id: int) -> LegalUpdatePage:
    return get_object_or_404(LegalUpdatePage.objects.live(), pk=page_id, must_acknowledge=True)


@coordinator_required
def report_detail_view(request, page_id: int):
    update = _must_read_update(page_id)
    counts = acknowledgements_by_office(update)
    readers = Paginator(readers_by_office(update), READERS_PAGE_SIZE)
    page_obj = readers.get_page(request.GET.get("page"))
    return render(
        request,
        "legal/report_detail.html",
        {
            "page_title": _("Who has read: %(title)s") % {"title": update.title},
            "update": update,
            "acknowledged_total": sum(c.acknowledged for c in counts),
            "pending_total": sum(c.pending for c in counts),
            "overdue": is_overdue(update),
            "offices_table": reports.offices_table(counts),
            "offices_chart": reports.offices_chart(counts),
            "page_obj": page_obj,
            "people_tables": reports.people_tables(page_obj),
        },
    )


@coordinator_required
def report_csv_view(request, page_id: int):
    update = _must_read_update(page_id)
    return reports.people_csv(update, readers_by_office(update).iterator())
