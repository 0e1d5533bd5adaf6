"""The insights page: what people ask, where services fail them, how far outreach goes.

All its numbers are published together (``LinkedCounts``): the tables share the grand
total, the referral and problem tables add up to cells of the outcome table, the quarters
of the top questions to months of the monthly table. They are suppressed as one system,
so no count from 1 to 4 follows from anything the page, its charts or its CSV files show.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from intranet.core.collation import sort_key
from intranet.core.reports import Count, LinkedCounts, top_with_others
from intranet.core.reports.periods import (
    add_months,
    month_start,
    months_between,
    quarter_label,
    quarter_start,
)
from intranet.core.topics import ENQUIRY_TOPICS
from network.models import ServiceProvider, SupportOfficePage

from .choices import PROBLEM_OUTCOMES, Channel, Outcome, PlaceKind
from .counting import Filters, enquiry_counts, flatten, visit_counts
from .insight_tables import NONE, OTHERS, Question, Section, sections_for

TOP_SERVICES = 10
TOP_OFFICES = 12
TOP_QUESTIONS = 10
N, VISITS, PEOPLE = "enquiries", "visits", "people-reached"


@dataclass(frozen=True)
class Scope:
    """What the page counts: whole months, one office or all, one topic or all."""

    first: datetime.date
    last: datetime.date
    office: SupportOfficePage | None = None
    topic: str = ""

    @property
    def filters(self) -> Filters:
        return Filters(self.first, self.last, self.office.pk if self.office else None, self.topic)


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last twelve months, this one included."""
    this_month = month_start(today)
    return add_months(this_month, -11), this_month


@dataclass
class Insights:
    scope: Scope
    total: Count
    visits: Count
    people_reached: Count
    sections: dict[str, Section]
    questions: list[Question]
    this_quarter: str
    last_quarter: str


def _pairs(keys, counts: Counter) -> list[tuple]:
    return [(key, counts.get(key, 0)) for key in keys]


class _Page:
    """Collects the counts of every table, then suppresses them together."""

    def __init__(self, scope: Scope, today: datetime.date):
        self.scope = scope
        self.filters = scope.filters
        self.months = months_between(scope.first, scope.last)
        self.topics = [scope.topic] if scope.topic else [slug for slug, _l in ENQUIRY_TOPICS]
        self.today = today
        self.sheet = LinkedCounts()

    # --- enquiries --------------------------------------------------------------------

    def count_enquiries(self) -> None:
        sheet, f = self.sheet, self.filters
        by_month = flatten(enquiry_counts(["month"], f))
        sheet.series("by-month", _pairs(self.months, by_month), total=N)
        if self.scope.office is None:
            counts = enquiry_counts(["topic", "office"], f)
            office_ids = {office for _t, office in counts}
            # Offices no longer published keep their counts (the total must add up).
            offices = SupportOfficePage.objects.filter(Q(pk__in=office_ids) | Q(live=True))
            self.offices = sorted(offices, key=lambda o: sort_key(o.place_name))
            columns, counts = self._office_columns(counts)
            sheet.grid(
                "topic-office",
                counts,
                self.topics,
                columns,
                total=N,
                row_total_names={t: ("topic", t) for t in self.topics},
                column_total_names={key: ("office", key) for key in columns},
            )
        else:
            counts = flatten(enquiry_counts(["topic"], f))
            names = {t: ("topic", t) for t in self.topics}
            sheet.series("by-topic", _pairs(self.topics, counts), total=N, names=names)
        channels = flatten(enquiry_counts(["channel"], f))
        sheet.series("by-channel", _pairs(Channel.values, channels), total=N)
        outcomes = flatten(enquiry_counts(["outcome"], f))
        names = {o: ("outcome", o) for o in Outcome.values}
        sheet.series("by-outcome", _pairs(Outcome.values, outcomes), total=N, names=names)
        self._count_services()

    def _office_columns(self, counts: Counter) -> tuple[list, Counter]:
        """Every office side by side while the network is small; in a larger one the
        ``TOP_OFFICES`` busiest (in place-name order) and one "other offices" column, so
        the table stays readable and its suppression, exact linear algebra over every
        cell, stays quick (with 800 offices it took minutes)."""
        if len(self.offices) <= TOP_OFFICES:
            return [o.pk for o in self.offices], counts
        per_office: Counter = Counter()
        for (_topic, office), n in counts.items():
            per_office[office] += n
        top = {key for key, _n in top_with_others(per_office, TOP_OFFICES, OTHERS)} - {OTHERS}
        folded: Counter = Counter()
        for (topic, office), n in counts.items():
            folded[topic, office if office in top else OTHERS] += n
        self.offices = [o for o in self.offices if o.pk in top]
        return [o.pk for o in self.offices] + [OTHERS], folded

    def _services(self, outcomes) -> list[tuple]:
        counts = flatten(enquiry_counts(["provider"], _with_outcomes(self.filters, outcomes)))
        named = {pk: n for pk, n in counts.items() if pk is not None}
        rows = top_with_others(named, TOP_SERVICES, OTHERS)
        return rows + ([(NONE, counts[None])] if counts.get(None) else [])

    def _count_services(self) -> None:
        referrals = self._services([Outcome.REFERRED])
        self.sheet.series("referrals", referrals, total=("outcome", Outcome.REFERRED.value))
        problems = self._services(PROBLEM_OUTCOMES)
        self.sheet.series("problems", problems)
        self.sheet.tie(("problems", "total"), [("outcome", o.value) for o in PROBLEM_OUTCOMES])
        ids = [key for key, _n in referrals + problems if isinstance(key, int)]
        self.providers = ServiceProvider.objects.in_bulk(ids)

    # --- the top questions, this quarter against the last -------------------------------

    def count_questions(self) -> None:
        this_q = quarter_start(self.today)
        last_q = add_months(this_q, -3)
        self.quarters = (this_q, last_q)
        f = self.filters.with_period(last_q, add_months(this_q, 2))
        counts = enquiry_counts(["month", "topic", "subtopic"], f)
        by_quarter = {this_q: Counter(), last_q: Counter()}
        for (month, topic, subtopic), n in counts.items():
            by_quarter[quarter_start(month)][f"{topic}:{subtopic}"] += n
        top = top_with_others(by_quarter[this_q], TOP_QUESTIONS, OTHERS)
        self.question_keys = [key for key, _n in top]
        listed = set(self.question_keys) - {OTHERS}
        for name, quarter in [("q-this", this_q), ("q-last", last_q)]:
            counts = by_quarter[quarter]
            rows = [(k, counts.get(k, 0)) for k in self.question_keys if k != OTHERS]
            rest = sum(n for k, n in counts.items() if k not in listed)
            self.sheet.series(name, rows + ([(OTHERS, rest)] if OTHERS in top or rest else []))
            self._tie_quarter(name, quarter, counts, listed)

    def _tie_quarter(self, name: str, quarter, counts: Counter, listed: set) -> None:
        """The quarter's total is the sum of its months when the monthly table shows them
        all; when the period is that very quarter, each topic's count is the sum of its
        questions (if none of them hides among "others")."""
        current = month_start(self.today)
        months = [m for m in months_between(quarter, add_months(quarter, 2)) if m <= current]
        if not set(months) <= set(self.months):
            return
        self.sheet.tie((name, "total"), [self.sheet.name("by-month", m) for m in months])
        if set(months) != set(self.months):
            return
        unlisted = {k for k, n in counts.items() if n and k not in listed}
        shown_rows = {k for k in self.question_keys if k != OTHERS}
        for topic in self.topics:
            parts = [self.sheet.name(name, k) for k in shown_rows if k.split(":")[0] == topic]
            unlisted_here = {k for k in unlisted if k.split(":")[0] == topic}
            if unlisted_here and unlisted_here == unlisted:
                parts.append(self.sheet.name(name, OTHERS))
            elif unlisted_here:
                continue
            if parts:
                self.sheet.tie(("topic", topic), parts)

    # --- outreach ---------------------------------------------------------------------

    def count_outreach(self) -> None:
        f, sheet = self.filters, self.sheet
        visits = visit_counts(["month", "place_kind"], f)
        people = visit_counts(["month", "place_kind"], f, people=True)
        for measure, counts, total in [("visits", visits, VISITS), ("people", people, PEOPLE)]:
            sheet.series(
                f"outreach-{measure}-month", _pairs(self.months, flatten(counts)), total=total
            )
            sheet.series(
                f"outreach-{measure}-place",
                _pairs(PlaceKind.values, flatten(counts, 1)),
                total=total,
            )
        topics = flatten(visit_counts(["topic"], f, topics=True))
        sheet.series("outreach-topics", _pairs([t for t, _l in ENQUIRY_TOPICS], topics))


def _with_outcomes(filters: Filters, outcomes) -> Filters:
    return Filters(
        filters.first,
        filters.last,
        filters.office_id,
        filters.topic,
        outcomes=tuple(o.value for o in outcomes),
    )


def build(scope: Scope, today: datetime.date | None = None) -> Insights:
    page = _Page(scope, today or timezone.localdate())
    page.count_enquiries()
    page.count_questions()
    page.count_outreach()
    result = page.sheet.suppress()
    sections, questions = sections_for(page, result)
    this_q, last_q = page.quarters
    return Insights(
        scope=scope,
        total=result.count(N),
        visits=result.count(VISITS),
        people_reached=result.count(PEOPLE),
        sections=sections,
        questions=questions,
        this_quarter=quarter_label(this_q),
        last_quarter=quarter_label(last_q),
    )
