"""Counting enquiries and outreach in the database: GROUP BY queries whose number and
size do not grow with the log (two queries per breakdown: the raw rows, and the monthly
counts that old rows were folded into).

Counts go on to ``intranet.core.reports`` suppression before anyone sees them.
"""

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from intranet.core.reports.periods import add_months, month_start

from .models import Enquiry, FoldedEnquiryCount, OutreachTopic, OutreachVisit

# Dimension name -> column, the same on raw and folded rows ("month" is computed on raw).
DIMENSIONS = {
    "month": "month",
    "office": "office_id",
    "topic": "topic",
    "subtopic": "subtopic",
    "channel": "channel",
    "outcome": "outcome",
    "provider": "provider_id",
}


@dataclass(frozen=True)
class Filters:
    """A period of whole months (first days, both included) and optional narrowing."""

    first: datetime.date
    last: datetime.date
    office_id: int | None = None
    topic: str = ""
    provider_id: int | None = None
    outcomes: tuple[str, ...] = ()

    def with_period(self, first: datetime.date, last: datetime.date) -> "Filters":
        return Filters(first, last, self.office_id, self.topic, self.provider_id, self.outcomes)

    def _narrow(self) -> Q:
        q = Q()
        if self.office_id:
            q &= Q(office_id=self.office_id)
        if self.topic:
            q &= Q(topic=self.topic)
        if self.provider_id:
            q &= Q(provider_id=self.provider_id)
        if self.outcomes:
            q &= Q(outcome__in=self.outcomes)
        return q

    def raw(self) -> Q:
        return Q(date__gte=self.first, date__lt=add_months(self.last, 1)) & self._narrow()

    def folded(self) -> Q:
        return Q(month__gte=self.first, month__lte=self.last) & self._narrow()


def enquiry_counts(
    dims: Sequence[str], filters: Filters, *, extra: Q | None = None, people: bool = False
) -> Counter:
    """Enquiries (or, with ``people``, the people in them) per combination of ``dims``,
    raw and folded rows together: {(value, ...): n}."""
    columns = [DIMENSIONS[d] for d in dims]
    # Raw rows are counted per day and the days added up into months here: the database
    # groups on the date column itself (in the insights' covering index), where a month
    # truncation would be a function call per row (a Python one on SQLite).
    raw_columns = ["date" if c == "month" else c for c in columns]
    raw = Enquiry.objects.filter(filters.raw())
    folded = FoldedEnquiryCount.objects.filter(filters.folded())
    if extra is not None:
        raw, folded = raw.filter(extra), folded.filter(extra)
    measure_raw = Sum("people") if people else Count("pk")
    measure_folded = Sum("people") if people else Sum("enquiries")
    totals: Counter = Counter()
    for queryset, measure, names in [
        (raw, measure_raw, raw_columns),
        (folded, measure_folded, columns),
    ]:
        for row in queryset.values(*names).annotate(n=measure).order_by():
            key = (
                month_start(as_date(row[name])) if dim == "month" else row[name]
                for dim, name in zip(dims, names, strict=True)
            )
            totals[tuple(key)] += row["n"]
    return totals


def as_date(value) -> datetime.date:
    # TruncMonth gives a date on PostgreSQL and SQLite alike for a DateField; be sure.
    return value.date() if isinstance(value, datetime.datetime) else value


def visit_counts(
    dims: Sequence[str], filters: Filters, *, people: bool = False, topics: bool = False
) -> Counter:
    """Outreach visits (or people reached) per combination of ``dims`` ("month", "office",
    "place_kind", "municipality"; with ``topics``, also "topic": visits per topic raised)."""
    model = OutreachTopic if topics else OutreachVisit
    prefix = "visit__" if topics else ""
    q = Q(**{f"{prefix}date__gte": filters.first, f"{prefix}date__lt": add_months(filters.last, 1)})
    if filters.office_id:
        q &= Q(**{f"{prefix}office_id": filters.office_id})
    queryset = model.objects.filter(q)
    columns = []
    for dim in dims:
        if dim == "month":
            queryset = queryset.annotate(month=TruncMonth(f"{prefix}date"))
            columns.append("month")
        elif dim == "topic":
            columns.append("topic")
        else:
            columns.append(f"{prefix}{'office_id' if dim == 'office' else dim}")
    measure = Sum(f"{prefix}people_reached") if people else Count(f"{prefix}pk", distinct=topics)
    totals: Counter = Counter()
    for row in queryset.values(*columns).annotate(n=measure).order_by():
        totals[tuple(as_date(row[c]) if c == "month" else row[c] for c in columns)] += row["n"]
    return totals


def flatten(counts: Counter, position: int = 0) -> Counter:
    """{(a, b): n} -> {a: n}: one dimension of a multi-dimension count."""
    result: Counter = Counter()
    for key, n in counts.items():
        result[key[position]] += n
    return result


def keys_of(counts: Iterable[tuple]) -> set:
    return {key[0] for key in counts}
