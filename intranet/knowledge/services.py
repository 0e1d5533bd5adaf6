"""Knowledge base logic outside HTTP: freshness, reminders, follows, a person's articles."""

import datetime
from collections import defaultdict

from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from wagtail.models import Page, WorkflowState

from intranet.core.notifications import notify
from intranet.people.services import colleagues

from .models import KnowledgeArticlePage, PageFollow


def overdue_articles(today: datetime.date | None = None) -> QuerySet[KnowledgeArticlePage]:
    """Live articles whose review-by date has passed, the longest overdue first."""
    today = today or timezone.localdate()
    return (
        KnowledgeArticlePage.objects.live()
        .filter(review_by__lt=today)
        .select_related("owner")
        .order_by("review_by", "title")
    )


def articles_to_review(today: datetime.date | None = None) -> QuerySet[KnowledgeArticlePage]:
    """What the coordinators' review report lists: live articles past their review date,
    and every live article whose owner no longer works in the network (or has none), so
    it gets a new owner. Those come first; ``owner_works_here`` says which is which."""
    today = today or timezone.localdate()
    owner_works_here = Exists(colleagues().filter(pk=OuterRef("owner_id")))
    return (
        KnowledgeArticlePage.objects.live()
        .annotate(owner_works_here=owner_works_here)
        .filter(Q(review_by__lt=today) | Q(owner_works_here=False))
        .select_related("owner")
        .order_by("owner_works_here", "review_by", "title", "pk")
    )


def send_review_reminders(today: datetime.date | None = None) -> int:
    """E-mail each owner who works in the network today about their overdue articles, at
    most once a day (the notification key is the day), so cron may run this as often as it
    likes. Returns the e-mails queued."""
    from .notifications import REVIEW_REMINDER

    today = today or timezone.localdate()
    by_owner: dict[int, list[int]] = defaultdict(list)
    overdue = overdue_articles(today).filter(owner__in=colleagues().values("pk"))
    for page_id, owner_id in overdue.values_list("pk", "owner_id"):
        by_owner[owner_id].append(page_id)
    owners = User.objects.in_bulk(list(by_owner))
    return sum(
        notify(owners[owner_id], REVIEW_REMINDER, {"page_ids": page_ids}, key=today.isoformat())
        for owner_id, page_ids in by_owner.items()
    )


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


def articles_for_me_to_approve(user: User) -> list[KnowledgeArticlePage]:
    """Articles submitted for review whose current task ``user`` may approve (the
    "Coordinator review" workflow), oldest request first."""
    from wagtail.models import TaskState

    states = (
        TaskState.objects.reviewable_by(user)
        .filter(workflow_state__base_content_type__app_label="wagtailcore")
        .order_by("started_at")
    )
    ids = [int(pk) for pk in states.values_list("workflow_state__object_id", flat=True)]
    articles = KnowledgeArticlePage.objects.filter(pk__in=ids).only("id", "title", "draft_title")
    by_id = {article.pk: article for article in articles}
    return [by_id[pk] for pk in dict.fromkeys(ids) if pk in by_id]


def articles_due_for_review(user: User, within_days: int = 14) -> QuerySet[KnowledgeArticlePage]:
    horizon = timezone.localdate() + datetime.timedelta(days=within_days)
    return (
        KnowledgeArticlePage.objects.live()
        .filter(owner=user, review_by__lte=horizon)
        .order_by("review_by", "title")
    )
