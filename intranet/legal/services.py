"""Reading, acknowledging and publishing legal updates: the rules, without HTTP."""

import hashlib
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.models import Revision

from intranet.core.caching import remember
from intranet.core.notifications import notify
from intranet.core.subqueries import count_of
from intranet.core.tokens import current_token
from intranet.people.models import normalise
from intranet.people.services import colleagues

from .models import (
    FEED_PURPOSE,
    Acknowledgement,
    LegalUpdatePage,
    TaggedLegalUpdate,
    live_successors_prefetch,
)


class AcknowledgementRefused(Exception):
    """The acknowledgement cannot be recorded; the message says why, to the person."""


def annotate_for_reader(updates: QuerySet[LegalUpdatePage], user) -> QuerySet[LegalUpdatePage]:
    """What a listing needs about each update, in a fixed number of queries."""
    acknowledged = Acknowledgement.objects.filter(
        user_id=user.pk, page_id=OuterRef("pk"), epoch=OuterRef("ack_epoch")
    )
    return updates.annotate(acknowledged_by_me=Exists(acknowledged)).prefetch_related(
        Prefetch("tagged_items", queryset=TaggedLegalUpdate.objects.select_related("tag")),
        live_successors_prefetch(),
    )


def _listing_key(request, index_page) -> str:
    params = sorted((k, v) for k in request.GET for v in request.GET.getlist(k))
    digest = hashlib.sha256(urlencode(params).encode()).hexdigest()[:32]
    today = timezone.localdate().isoformat()  # "overdue" changes with the date
    return f"legal-index:{index_page.pk}:{get_language()}:{today}:{digest}"


def index_listing(request, index_page, form) -> str:
    """The legal index's cards for the filters and page asked for. The cards are the same
    for everyone: rendered once per content generation and day, and kept; each reader's
    own "acknowledged" marks go in over them, from one query on the updates shown."""
    from .models import INDEX_PAGE_SIZE, LegalUpdatePage

    def compute() -> dict:
        updates = LegalUpdatePage.objects.child_of(index_page).live()
        if form.is_valid():
            updates = form.filter(updates)
        updates = updates.prefetch_related(
            Prefetch("tagged_items", queryset=TaggedLegalUpdate.objects.select_related("tag")),
            live_successors_prefetch(),
        ).order_by("-first_published_at", "-pk")
        page_obj = Paginator(updates, INDEX_PAGE_SIZE).get_page(request.GET.get("page"))
        marks = {}
        for update in page_obj.object_list:
            if not update.must_acknowledge:
                continue
            marks[update.pk] = (
                update.ack_epoch,
                *(
                    render_to_string(
                        "legal/includes/ack_mark.html",
                        {"update": update, "acknowledged": done},
                        request=request,
                    )
                    for done in (True, False)
                ),
            )
        html = render_to_string(
            "legal/includes/index_list.html",
            {"page_obj": page_obj, "reader_marks": True},
            request=request,
        )
        return {"html": html, "marks": marks}

    listing = remember(_listing_key(request, index_page), compute, request=request)
    marks = listing["marks"]
    mine = set()
    if marks and request.user.is_authenticated:
        mine = set(
            Acknowledgement.objects.filter(
                user_id=request.user.pk, page_id__in=list(marks)
            ).values_list("page_id", "epoch")
        )
    html = listing["html"]
    for pk, (epoch, acknowledged, not_yet) in marks.items():
        html = html.replace(
            f"<!--legal-ack:{pk}-->", acknowledged if (pk, epoch) in mine else not_yet
        )
    return mark_safe(html)  # noqa: S308 - rendered by our templates


def acknowledgement_for(user, page: LegalUpdatePage) -> Acknowledgement | None:
    """The person's acknowledgement of the page's current round, if any."""
    if not user.is_authenticated:
        return None
    return Acknowledgement.objects.filter(user=user, page=page, epoch=page.ack_epoch).first()


def acknowledge(user, page: LegalUpdatePage) -> tuple[Acknowledgement, bool]:
    """Record that ``user`` has read ``page``; (acknowledgement, created).

    Clicking twice (or two tabs at once) records it once.
    """
    if not page.live:
        raise AcknowledgementRefused(
            _("This update is not published, so it cannot be acknowledged.")
        )
    if not page.must_acknowledge:
        raise AcknowledgementRefused(
            _("This update does not ask for an acknowledgement; there is nothing to confirm.")
        )
    existing = acknowledgement_for(user, page)
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            ack = Acknowledgement.objects.create(
                user=user,
                page=page,
                epoch=page.ack_epoch,
                revision_id=page.live_revision_id,
            )
    except IntegrityError:
        return acknowledgement_for(user, page), False
    return ack, True


def pending_for_user(user) -> QuerySet[LegalUpdatePage]:
    """Must-read updates still in play that ``user`` has not acknowledged (this round)."""
    acknowledged = Acknowledgement.objects.filter(
        user_id=user.pk, page_id=OuterRef("pk"), epoch=OuterRef("ack_epoch")
    )
    return (
        must_read_updates()
        .exclude(Exists(acknowledged))
        .order_by(F("acknowledge_by").asc(nulls_last=True), "-first_published_at")
    )


def must_read_updates() -> QuerySet[LegalUpdatePage]:
    """Live must-read updates not repealed and not replaced by a published successor."""
    replaced = LegalUpdatePage.objects.live().filter(supersedes_id=OuterRef("pk"))
    return (
        LegalUpdatePage.objects.live()
        .filter(must_acknowledge=True)
        .exclude(status__in=[LegalUpdatePage.Status.REPEALED, LegalUpdatePage.Status.SUPERSEDED])
        .exclude(Exists(replaced))
    )


def handle_publish(page: LegalUpdatePage, revision: Revision | None) -> bool:
    """Called on every publish of a legal update. Returns whether staff are e-mailed.

    - "Requires re-acknowledgement" ticked: a new round starts (earlier acknowledgements
      stop counting) and the tick is cleared on the page and in the published revision,
      so the next edit does not start another round by accident.
    - Staff are e-mailed once per round of a must-read update: on its first publish as
      must-read and again when a new round starts; never on a plain re-publish. (The
      notification key ``page-<id>:round-<n>`` makes sure of it per person as well.)
    """
    from .tasks import announce_update

    if not page.live:
        # Wagtail signals "published" also when it only schedules a first publication;
        # the real one comes later, from publish_scheduled.
        return False
    updates: dict = {}
    epoch = page.ack_epoch
    if page.requires_reacknowledgement:
        epoch += 1
        updates.update(
            ack_epoch=epoch, ack_reset_at=timezone.now(), requires_reacknowledgement=False
        )
        if revision is not None and revision.content.get("requires_reacknowledgement"):
            revision.content["requires_reacknowledgement"] = False
            revision.save(update_fields=["content"])
    announce = page.must_acknowledge and page.notified_epoch != epoch
    if announce:
        updates["notified_epoch"] = epoch
    if updates:
        LegalUpdatePage.objects.filter(pk=page.pk).update(**updates)
        for name, value in updates.items():
            setattr(page, name, value)
    if announce:
        announce_update.enqueue(page.pk, epoch)
    return announce


def _office_sort_key(office: str | None) -> tuple[bool, str]:
    """Offices in alphabetical order with accents read as letters ("Évora" with the Es),
    people without an office last."""
    return office is None, normalise(office or "")


def _office_rank() -> Case:
    """An office's place in that order, for the database (there are a handful of offices;
    neither SQLite nor PostgreSQL sorts accents that way without extensions)."""
    titles = sorted(
        {title for title in colleagues().values_list("office_title", flat=True) if title},
        key=_office_sort_key,
    )
    return Case(
        *[When(office_title=title, then=Value(rank)) for rank, title in enumerate(titles)],
        default=Value(len(titles)),
    )


def readers_by_office(page: LegalUpdatePage) -> QuerySet[User]:
    """Everyone who must read ``page`` today, with ``acknowledged_at`` (this round) or None,
    office by office (people without an office last), then by name."""
    when = Acknowledgement.objects.filter(
        page=page, epoch=page.ack_epoch, user_id=OuterRef("pk")
    ).values("acknowledged_at")[:1]
    return (
        colleagues()
        .annotate(acknowledged_at=Subquery(when), office_rank=_office_rank())
        .order_by("office_rank", "first_name", "last_name", "username", "pk")
    )


@dataclass
class OfficeCount:
    office: str | None  # None: people with no office set
    readers: int
    acknowledged: int

    @property
    def pending(self) -> int:
        return self.readers - self.acknowledged


def acknowledgements_by_office(page: LegalUpdatePage) -> list[OfficeCount]:
    """How many must read ``page`` and how many have (this round), per office, in one query."""
    done = Acknowledgement.objects.filter(page=page, epoch=page.ack_epoch, user_id=OuterRef("pk"))
    rows = (
        colleagues()
        .annotate(done=Exists(done))
        .values("office_title")
        .annotate(readers=Count("pk"), acknowledged=Count("pk", filter=Q(done=True)))
        .order_by()
    )
    counts = [OfficeCount(row["office_title"], row["readers"], row["acknowledged"]) for row in rows]
    return sorted(counts, key=lambda count: _office_sort_key(count.office))


def report_updates() -> QuerySet[LegalUpdatePage]:
    """Must-read updates with how many of today's colleagues acknowledged this round."""
    readers = colleagues().values("pk")
    return (
        LegalUpdatePage.objects.live()
        .filter(must_acknowledge=True)
        .annotate(
            acknowledged_count=count_of(
                Acknowledgement.objects.filter(epoch=OuterRef("ack_epoch"), user__in=readers),
                "page",
            )
        )
        .order_by("-first_published_at", "-pk")
    )


def is_overdue(page: LegalUpdatePage, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return bool(page.acknowledge_by and page.acknowledge_by < today)


def pending_reminders(
    overdue_only: bool = False, today: date | None = None
) -> list[tuple[User, list[int]]]:
    """(person, ids of must-read updates they have not acknowledged) for everyone who
    has something pending, in three queries whatever the numbers."""
    today = today or timezone.localdate()
    updates = must_read_updates()
    if overdue_only:
        updates = updates.filter(acknowledge_by__lt=today)
    updates = list(updates.order_by("acknowledge_by", "pk").values_list("pk", "ack_epoch"))
    if not updates:
        return []
    done = set(
        Acknowledgement.objects.filter(page_id__in=[pk for pk, _e in updates])
        .filter(epoch=F("page__ack_epoch"))
        .values_list("user_id", "page_id")
    )
    result = []
    for user in colleagues().exclude(email="").order_by("pk"):
        page_ids = [pk for pk, _epoch in updates if (user.pk, pk) not in done]
        if page_ids:
            result.append((user, page_ids))
    return result


def overdue_by_person(today: date | None = None) -> list[tuple[User, int]]:
    """(colleague, how many must-read updates past their acknowledge-by date they have not
    acknowledged), most overdue first, in three queries whatever the numbers."""
    today = today or timezone.localdate()
    updates = list(
        must_read_updates().filter(acknowledge_by__lt=today).values_list("pk", flat=True)
    )
    if not updates:
        return []
    done = set(
        Acknowledgement.objects.filter(page_id__in=updates, epoch=F("page__ack_epoch")).values_list(
            "user_id", "page_id"
        )
    )
    counts = []
    for user in colleagues().order_by("first_name", "last_name", "pk"):
        n = sum(1 for pk in updates if (user.pk, pk) not in done)
        if n:
            counts.append((user, n))
    return sorted(counts, key=lambda row: -row[1])


def send_acknowledgement_reminders(
    overdue_only: bool = False, today: date | None = None
) -> tuple[int, int]:
    """E-mail each colleague their pending must-read updates; (sent, not sent).

    The notification key is the day: a person hears at most once a day, however often
    cron runs (with or without ``overdue_only``). Not sent: already reminded today, or the
    person switched these reminders off.
    """
    from .notifications import REMINDER

    today = today or timezone.localdate()
    sent = skipped = 0
    for user, page_ids in pending_reminders(overdue_only=overdue_only, today=today):
        if notify(user, REMINDER, {"page_ids": page_ids}, key=today.isoformat()):
            sent += 1
        else:
            skipped += 1
    return sent, skipped


def personal_data(user: User) -> dict:
    """What the legal updates keep about a person, for their data download: whether they
    have a personal feed address (never the secret itself) and what they acknowledged."""
    token = current_token(user, FEED_PURPOSE)
    acknowledgements = (
        Acknowledgement.objects.filter(user=user)
        .select_related("page")
        .order_by("acknowledged_at", "pk")
    )
    return {
        "feed_address": {
            "exists": token is not None,
            "created_on": timezone.localdate(token.created_at).isoformat() if token else None,
        },
        "acknowledgements": [
            {
                "legal_update": ack.page.title,
                "round": ack.epoch,
                "acknowledged_at": ack.acknowledged_at.isoformat(),
            }
            for ack in acknowledgements
        ],
    }
