import csv

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from intranet.core.permissions import coordinator_required, network_staff_required
from intranet.core.reports import safe_cell
from intranet.core.tokens import current_token, issue_token, token_or_session
from intranet.core.topics import TOPICS

from .feeds import LegalUpdatesFeed
from .models import FEED_PURPOSE, LegalUpdatePage
from .services import (
    AcknowledgementRefused,
    acknowledge,
    acknowledgement_report,
    expected_readers,
    is_overdue,
    report_updates,
)

REPORT_PAGE_SIZE = 25
# Any of these in the form means someone tried to acknowledge for another person.
ON_BEHALF_FIELDS = ("user", "user_id", "username", "person", "on_behalf_of")


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
    """ "I have read this": records the acknowledgement of the logged-in person only."""
    page = LegalUpdatePage.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404
    if any(name in request.POST for name in ON_BEHALF_FIELDS):
        return _refuse(
            request,
            _("You can only acknowledge an update for yourself, never on someone else's behalf."),
            page if page.live else None,
        )
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
        feed_url = request.build_absolute_uri(reverse("legal:feed")) + query
        topic_feeds = [
            (label, request.build_absolute_uri(reverse("legal:topic-feed", args=[slug])) + query)
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
    today = timezone.localdate()
    reader_count = expected_readers().count()
    for update in page_obj:
        update.overdue = is_overdue(update, today)
        update.pending_count = max(reader_count - update.acknowledged_count, 0)
    return render(
        request,
        "legal/report.html",
        {
            "page_title": _("Acknowledgement report"),
            "page_obj": page_obj,
            "reader_count": reader_count,
        },
    )


def _must_read_update(page_id: int) -> LegalUpdatePage:
    return get_object_or_404(LegalUpdatePage.objects.live(), pk=page_id, must_acknowledge=True)


@coordinator_required
def report_detail_view(request, page_id: int):
    update = _must_read_update(page_id)
    groups = acknowledgement_report(update)
    return render(
        request,
        "legal/report_detail.html",
        {
            "page_title": _("Who has read: %(title)s") % {"title": update.title},
            "update": update,
            "groups": groups,
            "acknowledged_total": sum(len(g.acknowledged) for g in groups),
            "pending_total": sum(len(g.pending) for g in groups),
            "overdue": is_overdue(update),
        },
    )


@coordinator_required
def report_csv_view(request, page_id: int):
    update = _must_read_update(page_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="confirmacoes-{update.slug}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the accents right
    writer = csv.writer(response)
    writer.writerow(
        [_("Office"), _("Name"), _("Username"), _("E-mail"), _("Acknowledged"), _("When")]
    )
    for group in acknowledgement_report(update):
        for user, when in group.acknowledged:
            writer.writerow(
                [
                    *[safe_cell(v) for v in (group.name, user.get_full_name(), user.username)],
                    safe_cell(user.email),
                    _("yes"),
                    timezone.localtime(when).strftime("%Y-%m-%d %H:%M"),
                ]
            )
        for user in group.pending:
            cells = (group.name, user.get_full_name(), user.username, user.email)
            writer.writerow([*[safe_cell(v) for v in cells], _("no"), ""])
    return response
