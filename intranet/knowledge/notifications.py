"""The knowledge base's e-mails, sent through the core's notifications (in each person's
language, deduplicated by key, honouring their choices)."""

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from intranet.core.notifications import NotificationKind, absolute_url
from intranet.core.visibility import can_see_page

from .models import KnowledgeArticlePage

NEW_VERSION = "knowledge-new-version"
REVIEW_REMINDER = "knowledge-review-reminder"


def new_version_context(recipient: User, params: dict) -> dict | None:
    page = Page.objects.live().filter(pk=params["page_id"]).specific().first()
    # Who may see a page can change after someone followed it: never mail what they
    # could not open.
    if page is None or not can_see_page(recipient, page):
        return None
    return {"page": page, "page_url": absolute_url(page.url)}


def review_reminder_context(recipient: User, params: dict) -> dict | None:
    # Read again at sending time: an article reviewed (or handed over) meanwhile is left out.
    articles = list(
        KnowledgeArticlePage.objects.live()
        .filter(pk__in=params["page_ids"], owner=recipient, review_by__lt=timezone.localdate())
        .order_by("review_by", "title")
    )
    if not articles:
        return None
    for article in articles:
        article.edit_url = absolute_url(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    return {"articles": articles}


def new_version_kind() -> NotificationKind:
    # Optional: people chose to follow the page, and can stop here or with "Unfollow".
    return NotificationKind(
        slug=NEW_VERSION,
        label=_("Knowledge base: a new version of a page I follow"),
        template="knowledge/emails/new_version",
        build=new_version_context,
    )


def review_reminder_kind() -> NotificationKind:
    # Optional: the owner's dashboard lists the same articles and the coordinators' review
    # report shows every overdue one, so switching the daily e-mail off loses no article.
    return NotificationKind(
        slug=REVIEW_REMINDER,
        label=_("Knowledge base: daily reminder of my articles past their review date"),
        template="knowledge/emails/review_reminder",
        build=review_reminder_context,
        help_text=_("The dashboard lists them too."),
    )
