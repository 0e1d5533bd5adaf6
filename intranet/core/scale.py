"""National-scale data for load tests and the bench: ``manage.py seed_scale --factor N``.

Factor 1 adds about as much as the demo holds; factor 100 a national network (800
offices, 2,000 people, 4,000 services, 5,000 legal updates, 10,000 knowledge articles,
600 training sessions, 200,000 enquiries). Each app adds its part through the
``register_scale_data(run)`` hook, in hook order (network, people, training, legal,
knowledge, enquiries), reading what the layers below made from the database, as the demo
loaders do; the core names no feature app.

Speed comes from bulk inserts: rows with ``bulk_create`` and pages with ``add_pages``,
which works out treebeard's paths itself (four base-36 characters per level, after the
parent's last child) and inserts the ``wagtailcore_page`` rows and the specific rows in
batches. So nothing sends signals, makes revisions or updates the search index while
seeding: the command rebuilds the search index once at the end.

Everything is fictional but plausible: real districts and municipalities of mainland
Portugal, common names, numbers in Portuguese formats. Random choices come from seeded
generators, so two databases seeded with the same factor hold the same data.
"""

import datetime
import random
import re
import time
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import TextIO, TypeVar

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, Model
from django.utils import timezone

from wagtail import hooks
from wagtail.models import Page

from . import demo

HOOK_NAME = "register_scale_data"
# Every account seed_scale makes starts with this; its presence means "already seeded".
SCALE_USERNAME_PREFIX = "escala."
PAGE_BATCH = 500

P = TypeVar("P", bound=Page)


@dataclass(frozen=True)
class Place:
    municipality: str
    district: str
    latitude: Decimal
    longitude: Decimal


@dataclass
class ScaleRun:
    """One run of seed_scale: the factor, where progress goes, seeded randomness."""

    factor: int
    stdout: TextIO
    seed: int = 14
    started: float = field(default_factory=time.monotonic)
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, per_factor: float) -> int:
        """How many of something at this factor: ``per_factor`` at factor 1, at least 1."""
        return max(1, round(per_factor * self.factor))

    def rng(self, name: str) -> random.Random:
        """A generator of its own per part, so one app's choices do not shift another's."""
        return random.Random(f"{self.seed}:{self.factor}:{name}")

    def say(self, message: str) -> None:
        self.stdout.write(f"  [{time.monotonic() - self.started:6.1f}s] {message}")
        flush = getattr(self.stdout, "flush", None)
        if flush:
            flush()

    def made(self, label: str, number: int) -> None:
        self.counts[label] = self.counts.get(label, 0) + number


@contextmanager
def deferred_indexes(model: type[Model]) -> Iterator[None]:
    """Drop ``model``'s own ``Meta.indexes`` while a bulk insert runs and build them again
    afterwards: one sorted build is much quicker than updating every index row by row
    (200,000 enquiries with their insights' covering index). Inside the seeding
    transaction, so a failure leaves the indexes as they were."""
    # The statements only: SQLite's schema editor refuses to open inside a transaction.
    editor = connection.schema_editor()
    editor.deferred_sql = []  # what entering the editor would have set up
    indexes = list(model._meta.indexes)
    with connection.cursor() as cursor:
        for index in indexes:
            cursor.execute(str(index.remove_sql(model, editor)))
    yield
    if connection.vendor == "postgresql":
        # PostgreSQL builds no index on a table with foreign-key checks still pending
        # (Django defers them to the commit): run them now.
        connection.check_constraints()
    with connection.cursor() as cursor:
        for index in indexes:
            cursor.execute(str(index.create_sql(model, editor)))


def contributors():
    return hooks.get_hooks(HOOK_NAME)


# --- vocabulary ------------------------------------------------------------------------


@cache
def vocabulary() -> dict:
    return demo.read_yaml(demo.__file__, "scale.yaml")


def places() -> list[Place]:
    """Every municipality in the vocabulary with a spot near its district's centre."""
    rng = random.Random("places")
    found = []
    for district, entry in vocabulary()["districts"].items():
        for name in entry["municipalities"]:
            latitude = min(max(entry["lat"] + rng.uniform(-0.35, 0.35), 36.9), 42.1)
            longitude = min(max(entry["lon"] + rng.uniform(-0.35, 0.35), -9.5), -6.2)
            found.append(
                Place(
                    municipality=name,
                    district=district,
                    latitude=Decimal(f"{latitude:.5f}"),
                    longitude=Decimal(f"{longitude:.5f}"),
                )
            )
    return found


def office_places(number: int) -> list[tuple[str, Place]]:
    """``number`` (office name, place) pairs: every municipality gets an office, then a
    second one named after a part of town, and so on."""
    areas = vocabulary()["office_areas"]
    every = places()
    found = []
    for n in range(number):
        place = every[n % len(every)]
        round_ = n // len(every)
        name = place.municipality
        if round_:
            name = f"{place.municipality} ({areas[(round_ - 1) % len(areas)]})"
            if round_ > len(areas):
                name = f"{name} {round_ // len(areas) + 1}"
        found.append((name, place))
    return found


def person_name(rng: random.Random) -> tuple[str, str]:
    names = vocabulary()["given_names"]
    first = rng.choice(names[rng.choice(["female", "male"])])
    surnames = vocabulary()["surnames"]
    return first, f"{rng.choice(surnames)} {rng.choice(surnames)}"


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def mobile_number(rng: random.Random) -> str:
    return f"+351 9{rng.choice('1236')}{rng.randint(0, 9)} {rng.randint(100, 999)} " + (
        f"{rng.randint(100, 999)}"
    )


def landline_number(rng: random.Random) -> str:
    return f"2{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"


@cache
def shared_password_hash() -> str:
    """Scale accounts log in with the demo password (hashed once, not 2,000 times)."""
    return make_password(demo.DEMO_PASSWORD)


def moment_between(rng: random.Random, start: datetime.date, end: datetime.date):
    """An aware datetime on a working hour of a day between ``start`` and ``end``."""
    days = max((end - start).days, 0)
    day = start + datetime.timedelta(days=rng.randint(0, days))
    at = datetime.time(rng.randint(9, 17), rng.choice([0, 15, 30, 45]))
    return timezone.make_aware(datetime.datetime.combine(day, at))


# --- pages in bulk ---------------------------------------------------------------------


def add_pages(parent: Page, pages: Sequence[P]) -> Sequence[P]:
    """Insert ``pages`` (unsaved instances of one page model) as live children of
    ``parent``, after its existing children, in batches.

    Fills the tree fields the way treebeard's ``add_child`` would (path, depth, numchild,
    the parent's numchild), and Wagtail's (url_path, content type, locale, draft title,
    publication dates when unset). Django refuses ``bulk_create`` for models with a
    concrete parent, so the ``wagtailcore_page`` rows go first and the specific rows
    follow with the same primary keys, through the insert ``bulk_create`` itself uses.
    """
    if not pages:
        return pages
    model = type(pages[0])
    depth = parent.depth + 1
    last_path = (
        Page.objects.filter(path__startswith=parent.path, depth=depth)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    step = Page._str2int(last_path[-Page.steplen :]) if last_path else 0
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    base_fields = Page._meta.concrete_fields
    rows = []
    for offset, page in enumerate(pages, start=1):
        page.path = Page._get_path(parent.path, depth, step + offset)
        page.depth = depth
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.live = True
        page.has_unpublished_changes = False
        page.draft_title = page.title
        page.first_published_at = page.first_published_at or now
        page.last_published_at = page.last_published_at or page.first_published_at
        rows.append(Page(**{f.attname: getattr(page, f.attname) for f in base_fields}))
    Page.objects.bulk_create(rows, batch_size=PAGE_BATCH)
    for page, row in zip(pages, rows, strict=True):
        page.id = row.pk
        page.pk = row.pk
        page._state.adding = False
    if model is not Page:
        specific_fields = model._meta.local_concrete_fields
        model._base_manager.all()._batched_insert(list(pages), specific_fields, PAGE_BATCH)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)
    return pages


def unique_slugs(titles: Sequence[str], taken: set[str]) -> list[str]:
    """A slug per title, none of them in ``taken`` (which grows as they are handed out)."""
    slugs = []
    for title in titles:
        base = ascii_slug(title)[:70] or "pagina"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs.append(slug)
    return slugs
