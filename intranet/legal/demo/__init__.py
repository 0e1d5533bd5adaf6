"""Demo legal updates: the content is in ``updates.yaml``; this reads it into pages.

Idempotent: updates are found by slug, acknowledgements by (person, update, round).
Demo pages count as already announced, so loading them e-mails nobody.
"""

import datetime
from pathlib import Path

from django.utils import timezone

import yaml

from intranet.core.demo import demo_shift
from intranet.people.services import colleagues

from ..models import (
    Acknowledgement,
    LegalReference,
    LegalTopic,
    LegalUpdateIndexPage,
    LegalUpdatePage,
)

DATA = Path(__file__).with_name("updates.yaml")
PAGE_FIELDS = (
    "summary",
    "action_required",
    "status",
    "in_force_from",
    "applicable_until",
    "must_acknowledge",
    "acknowledge_by",
)


DATE_FIELDS = ("published", "in_force_from", "applicable_until", "acknowledge_by")
# A must-read whose deadline passed longer ago than this has been read by everyone.
LONG_PAST = datetime.timedelta(weeks=6)


def _dated(item: dict) -> dict:
    if not item.get("moves_with_demo"):
        return item
    shift = demo_shift()
    return {**item, **{name: item[name] + shift for name in DATE_FIELDS if name in item}}


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def _create(index, item: dict, demo_note: dict, topics: dict, pages: dict) -> LegalUpdatePage:
    page = LegalUpdatePage(
        title=item["title"],
        slug=item["slug"],
        body=[("callout", demo_note)],
        supersedes=pages.get(item.get("supersedes")),
        notified_epoch=1,
        **{name: item[name] for name in PAGE_FIELDS if name in item},
    )
    index.add_child(instance=page)
    page.tags.set([topics[slug] for slug in item.get("topics", []) if slug in topics])
    for order, reference in enumerate(item.get("references", [])):
        page.legal_references.add(LegalReference(sort_order=order, **reference))
    page.save_revision().publish()
    published = _aware(item["published"])
    LegalUpdatePage.objects.filter(pk=page.pk).update(
        first_published_at=published, last_published_at=published
    )
    page.refresh_from_db()
    return page


def _acknowledge(pages: dict, updates: list[dict]) -> int:
    """The demo account "staff" has read what the data says; about a third of the rest of
    the team (whoever is on staff when the demo loads) has not read each must-read yet."""
    readers = list(colleagues().order_by("pk"))
    long_past = timezone.localdate() - LONG_PAST
    made = 0
    for n, item in enumerate(updates):
        page = pages[item["slug"]]
        if not page.must_acknowledge:
            continue
        everyone = page.acknowledge_by is not None and page.acknowledge_by < long_past
        for i, reader in enumerate(readers):
            unread = (
                not item.get("read_by_demo_staff")
                if reader.username == "staff"
                else (i + n) % 3 == 0
            )
            if unread and not everyone:
                continue
            ack, new = Acknowledgement.objects.get_or_create(
                user=reader,
                page=page,
                epoch=page.ack_epoch,
                defaults={"revision_id": page.live_revision_id},
            )
            if new:
                # Read a few days after publication, as people do.
                when = page.first_published_at + datetime.timedelta(days=1 + (i * 7 + n) % 12)
                Acknowledgement.objects.filter(pk=ack.pk).update(
                    acknowledged_at=min(when, timezone.now())
                )
                made += 1
    return made


def load(stdout) -> None:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    index = LegalUpdateIndexPage.objects.get()
    if not index.intro:
        index.intro = data["index_intro"]
        index.save_revision().publish()
    topics = {topic.slug: topic for topic in LegalTopic.objects.all()}
    pages: dict[str, LegalUpdatePage] = {}
    created = 0
    for item in data["updates"]:
        page = LegalUpdatePage.objects.child_of(index).filter(slug=item["slug"]).first()
        if page is None:
            page = _create(index, _dated(item), data["demo_note"], topics, pages)
            created += 1
        pages[item["slug"]] = page
    acknowledged = _acknowledge(pages, data["updates"])
    stdout.write(f"  legal: {created} legal updates created, {acknowledged} acknowledgements")
