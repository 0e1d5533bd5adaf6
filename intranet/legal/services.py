"""Reading, acknowledging and publishing legal updates: the rules, without HTTP."""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Revision

from intranet.core.roles import COORDINATORS, STAFF

from .models import (
    Acknowledgement,
    LegalUpdatePage,
    TaggedLegalUpdate,
    live_successors_prefetch,
)


class AcknowledgementRefused(Exception):
    """The acknowledgement cannot be recorded; the message says why, to the person."""


def expected_readers() -> QuerySet[User]:
    """Everyone who must read must-read updates: active staff and coordinators."""
    return User.objects.filter(is_active=True, groups__name__in=[STAFF, COORDINATORS]).distinct()


def current_acknowledgements() -> QuerySet[Acknowledgement]:
    """Acknowledgements that still count: made in the page's current round."""
    return Acknowledgement.objects.filter(epoch=F("page__ack_epoch"))


def annotate_for_reader(updates: QuerySet[LegalUpdatePage], user) -> QuerySet[LegalUpdatePage]:
    """What a listing needs about each update, in a fixed number of queries."""
    acknowledged = Acknowledgement.objects.filter(
        user_id=user.pk, page_id=OuterRef("pk"), epoch=OuterRef("ack_epoch")
    )
    return updates.annotate(acknowledged_by_me=Exists(acknowledged)).prefetch_related(
        Prefetch("tagged_items", queryset=TaggedLegalUpdate.objects.select_related("tag")),
        live_successors_prefetch(),
    )


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
      must-read and again when a new round starts; never on a plain re-publish.
    """
    from .tasks import send_publication_email

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
    notify = page.must_acknowledge and page.notified_epoch != epoch
    if notify:
        updates["notified_epoch"] = epoch
    if updates:
        LegalUpdatePage.objects.filter(pk=page.pk).update(**updates)
        for name, value in updates.items():
            setattr(page, name, value)
    if notify:
        send_publication_email.enqueue(page.pk)
    return notify


@dataclass
class OfficeGroup:
    name: str
    acknowledged: list = field(default_factory=list)  # (user, acknowledged_at)
    pending: list = field(default_factory=list)  # users


def acknowledgement_report(page: LegalUpdatePage) -> list[OfficeGroup]:
    """Who has and who has not acknowledged ``page`` (this round), grouped by office."""
    acks = dict(
        Acknowledgement.objects.filter(page=page, epoch=page.ack_epoch).values_list(
            "user_id", "acknowledged_at"
        )
    )
    readers = (
        expected_readers()
        .select_related("profile__office")
        .order_by("first_name", "last_name", "username")
    )
    groups: dict[str, OfficeGroup] = {}
    for reader in readers:
        profile = getattr(reader, "profile", None)
        office = profile.office.title if profile and profile.office else _("No office")
        group = groups.setdefault(office, OfficeGroup(office))
        if reader.pk in acks:
            group.acknowledged.append((reader, acks[reader.pk]))
        else:
            group.pending.append(reader)
    no_office = _("No office")
    return sorted(groups.values(), key=lambda g: (g.name == no_office, g.name))


def report_updates() -> QuerySet[LegalUpdatePage]:
    """Must-read updates with how many expected readers acknowledged this round."""
    readers = expected_readers().values("pk")
    return (
        LegalUpdatePage.objects.live()
        .filter(must_acknowledge=True)
        .annotate(
            acknowledged_count=Count(
                "acknowledgements",
                filter=Q(acknowledgements__epoch=F("ack_epoch"))
                & Q(acknowledgements__user__in=readers),
                distinct=True,
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
    for user in expected_readers().exclude(email="").order_by("pk"):
        page_ids = [pk for pk, _epoch in updates if (user.pk, pk) not in done]
        if page_ids:
            result.append((user, page_ids))
    return result
