"""The coordinator report: everyone who works in the network today against the target,
as a table, a chart and a CSV made with the reporting kernel (``intranet.core.reports``).

The people are ``colleagues()``: someone marked as having left is in no row and in no
count. Hours are not counts of people, so no small-count suppression applies here; the
report is for coordinators, who see each person's ledger anyway.

At national scale (2,000 people) the page lists one page of people: each person's total
is summed in the database (``with_total_hours``), so "behind schedule" is a filter there
and its count one query, kept in the cache per content generation and day; only the
people shown get a ledger by module. The CSV keeps every row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.paginator import Page, Paginator
from django.db.models import Count, DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from intranet.core.caching import remember
from intranet.core.reports import BarChart, Column, Link, Table, bar_chart, csv_response
from intranet.people.services import colleagues
from network.office_filter import OfficeFilter, office_filter

from ..models import Attendance, SelfStudyCompletion, TrainingModulePage, TrainingProgrammePage
from ..templatetags.training_tags import hours as format_hours
from .ledger import (
    ZERO,
    Ledger,
    build_ledger,
    current_programme,
    hours_by_user_and_module,
    programme_modules,
    target_hours,
)
from .summary import programme_and_modules


@dataclass
class ReportRow:
    user: User  # from colleagues(): carries office_id and office_title
    ledger: Ledger

    @property
    def name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def office_title(self) -> str:
        return getattr(self.user, "office_title", None) or ""


@dataclass
class CoordinatorReport:
    programme: TrainingProgrammePage | None
    modules: list[TrainingModulePage]
    people: QuerySet[User]  # the filtered people, with ``total_hours``
    count: int
    behind_count: int
    office_filter: OfficeFilter
    behind_only: bool

    @property
    def target(self) -> Decimal:
        return target_hours(self.programme)


class ModuleHeading:
    """A module's column heading: its number, with the title spelled out on hover and for
    screen readers (the list of modules follows the table)."""

    def __init__(self, module: TrainingModulePage):
        self.module = module

    def __str__(self) -> str:
        return f"M{self.module.sequence}"

    def __html__(self) -> str:
        return format_html('<abbr title="{}">M{}</abbr>', self.module.title, self.module.sequence)


def report_people(office_ids=None) -> QuerySet[User]:
    people = colleagues().order_by("last_name", "first_name", "username")
    if office_ids is not None:
        people = people.filter(profile__office__in=office_ids)
    return people


def _hours(queryset, module_ids) -> Coalesce:
    total = queryset.filter(user=OuterRef("pk")).order_by().values("user")
    total = total.annotate(total=Sum("hours")).values("total")
    hours = DecimalField(max_digits=8, decimal_places=2)
    return Coalesce(Subquery(total, output_field=hours), Value(ZERO), output_field=hours)


def with_total_hours(people: QuerySet[User], modules) -> QuerySet[User]:
    """Each person's hours in the programme's modules (as their ledger counts them),
    summed in the database: ``total_hours``."""
    ids = [module.pk for module in modules]
    attendance = Attendance.objects.filter(
        status__in=Attendance.CREDITING, session__module_id__in=ids
    )
    self_study = SelfStudyCompletion.objects.filter(module_id__in=ids)
    return people.annotate(
        total_hours=_hours(attendance, ids) + _hours(self_study, ids),
    )


def report_rows(users, programme=None, modules=None) -> list[ReportRow]:
    """One ledger per person for the given users, in a fixed number of queries."""
    programme = programme or current_programme()
    modules = modules if modules is not None else programme_modules(programme)
    users = list(users)
    hours = hours_by_user_and_module([u.pk for u in users])
    return [
        ReportRow(user=u, ledger=build_ledger(u, programme, modules, hours.get(u.pk, {})))
        for u in users
    ]


def _behind(programme) -> Q:
    """Behind schedule, as ``Ledger.behind_schedule`` says, for ``total_hours``: the pace
    expected by today is the same for everyone."""
    pace = build_ledger(None, programme, [], {})
    return Q(total_hours__lt=pace.target) & Q(total_hours__lt=pace.expected_by_now)


def coordinator_report(params: QueryDict, request=None) -> CoordinatorReport:
    """The report for the filters a coordinator chose (``office`` / ``office_q``, and
    ``behind=1`` to keep only people behind schedule)."""
    programme, modules = programme_and_modules(request)
    offices = office_filter(params, request=request)
    people = with_total_hours(report_people(offices.office_ids), modules)
    behind = _behind(programme)
    behind_only = params.get("behind") == "1"
    key = f"training-report:{programme.pk if programme else 0}:{offices.key}:{timezone.localdate()}"
    counts = remember(
        key,
        lambda: people.aggregate(count=Count("pk"), behind=Count("pk", filter=behind)),
        request=request,
    )
    return CoordinatorReport(
        programme=programme,
        modules=modules,
        people=people.filter(behind) if behind_only else people,
        count=counts["behind"] if behind_only else counts["count"],
        behind_count=counts["behind"],
        office_filter=offices,
        behind_only=behind_only,
    )


def report_page(report: CoordinatorReport, number, per_page: int) -> tuple[Page, list[ReportRow]]:
    """One page of the report's people, with their ledgers (the count is the cached one)."""
    paginator = Paginator(report.people, per_page)
    paginator.count = report.count  # a cached_property: set, it is not counted again
    page = paginator.get_page(number)
    return page, report_rows(page.object_list, report.programme, report.modules)


def _status(ledger: Ledger) -> str:
    """A badge for the page's table (which is not exported: the CSV says yes or no)."""
    if ledger.reached:
        return format_html('<span class="badge">{}</span>', _("Target reached"))
    if ledger.behind_schedule:
        return format_html('<span class="badge badge--warn">{}</span>', _("Behind schedule"))
    return _("On track")


def _one_decimal(value: Decimal) -> str:
    return format_hours(value.quantize(Decimal("0.1")))


def report_table(rows: Sequence[ReportRow], modules: Sequence[TrainingModulePage]) -> Table:
    """The rows of one page of the report: hours per person and module."""
    return Table(
        caption=_("Hours per person and module"),
        columns=[
            Column(_("Person")),
            Column(_("Office")),
            *[Column(ModuleHeading(module), numeric=True) for module in modules],
            Column(_("Total"), numeric=True),
            Column(_("Expected by today"), numeric=True),
            Column(_("Status")),
        ],
        rows=[
            [
                Link(row.name, reverse("training:progress-person", args=[row.user.pk])),
                row.office_title or "—",
                *[format_hours(item.total) for item in row.ledger.modules],
                format_hours(row.ledger.total),
                _one_decimal(row.ledger.expected_by_now),
                _status(row.ledger),
            ]
            for row in rows
        ],
        testid="report-table",
        empty_text=_("Nobody matches."),
    )


def report_chart(rows: Sequence[ReportRow], target: Decimal) -> BarChart:
    """Each person's hours as a bar, the target as a dashed line across, and a mark for
    the hours expected by today; people behind schedule stand out."""
    return bar_chart(
        _("Hours per person against the target"),
        [(row.name, row.ledger.total) for row in rows],
        description=_(
            "Bars show each person's hours; the dashed line is the target, the red mark "
            "the hours expected by today. The table below has the same figures."
        ),
        target=float(target),
        target_label=_("Target: %(hours)s h") % {"hours": format_hours(target)},
        markers=[row.ledger.expected_by_now for row in rows],
        highlight=[row.ledger.behind_schedule for row in rows],
        legend=[("behind", _("Behind schedule")), ("expected", _("Expected by today"))],
        value_format=lambda value: _("%(hours)s h") % {"hours": format_hours(value)},
        testid="report-chart",
    )


def report_csv(report: CoordinatorReport) -> HttpResponse:
    """Every row of the filtered report (not one page), with the hours per module."""
    header = [
        _("Name"),
        _("Username"),
        _("Office"),
        *[module.title for module in report.modules],
        _("Total hours"),
        _("Target"),
        _("Behind schedule"),
    ]
    rows = [
        [
            row.user.get_full_name(),
            row.user.get_username(),
            row.office_title,
            *[f"{item.total:.2f}" for item in row.ledger.modules],
            f"{row.ledger.total:.2f}",
            f"{row.ledger.target:.0f}",
            _("yes") if row.ledger.behind_schedule else _("no"),
        ]
        for row in report_rows(report.people, report.programme, report.modules)
    ]
    return csv_response("training-report.csv", header, rows)
