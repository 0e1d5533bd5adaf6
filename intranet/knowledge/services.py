"""Knowledge base logic outside HTTP: freshness, reminders, follows, a person's articles."""

import datetime
from collections import defaultdict

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from wagtail.models import Page, WorkflowState

from .models import KnowledgeArticlePage, PageFollow, ReviewReminder
from .tasks import send_review_reminder


def overdue_articles(today: datetime.date | None = None) -> QuerySet[KnowledgeArticlePage]:
    """Live articles whose review-by date has passed, the longest overdue first."""
    today = today or timezone.localdate()
    return (
        KnowledgeArticlePage.objects.live()
        .filter(review_by__lt=today)
        .select_related("owner")
        .order_by("review_by", "title")
    )


def send_review_reminders(today: datetime.date | None = None) -> int:
    """Email each owner about their overdue articles. Each article is mentioned at most once
    a day per owner, so cron may run this as often as it likes. Returns emails sent."""
    today = today or timezone.localdate()
    already = set(
        ReviewReminder.objects.filter(sent_on=today).values_list("page_id", "recipient_id")
    )
    by_owner: dict[int, list[int]] = defaultdict(list)
    for page_id, owner_id in (
        overdue_articles(today).filter(owner__isnull=False).values_list("pk", "owner_id")
    ):
        if (page_id, owner_id) not in already:
            by_owner[owner_id].append(page_id)
    sent = 0
    for owner_id, page_ids in by_owner.items():
        try:
            with transaction.atomic():
                ReviewReminder.objects.bulk_create(
                    [
                        ReviewReminder(page_id=p, recipient_id=owner_id, sent_on=today)
                        for p in page_ids
                    ]
                )
        except IntegrityError:
            continue  # another run got there first
        send_review_reminder.enqueue(recipient_id=owner_id, page_ids=page_ids)
        sent += 1
    return sent


def is_following(user: User, page: Page) -> bool:
    return user.is_authenticated and PageFollow.objects.filter(user=user, page=page).exists()


def follow(user: User, page: Page) -> None:
    PageFollow.objects.get_or_create(user=user, page=page)


def unfollow(user: User, page: Page) -> None:
    PageFollow.objects.filter(user=user, page=page).delete()


def followed_pages(user: User) -> QuerySet[PageFollow]:
    return PageFollow.objects.filter(user=user).select_related("page").order_by("page__title")


def articles_awaiting_review(user: User) -> QuerySet[KnowledgeArticlePage]:
    """The person's articles now in the review workflow (in review or sent back for changes)."""
    states = WorkflowState.objects.active().filter(
        requested_by=user,
        base_content_type__model="page",
        base_content_type__app_label="wagtailcore",
    )
    page_ids = [int(pk) for pk in states.values_list("object_id", flat=True)]
    return KnowledgeArticlePage.objects.filter(pk__in=page_ids).order_by("title")


def articles_due_for_review(user: User, within_days: int = 14) -> QuerySet[KnowledgeArticlePage]:
    horizon = timezone.localdate() + datetime.timedelta(days=within_days)
    return (
        KnowledgeArticlePage.objects.live()
        .filter(owner=user, review_by__lte=horizon)
        .order_by("review_by", "title")
    )
