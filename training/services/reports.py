"""The coordinator report: everyone who works in the network today against the target,
as a table, a chart and a CSV made with the reporting kernel (``intranet.core.reports``).

The people are ``colleagues()``: someone marked as having left is in no row and in no
count. Hours are not counts of people, so no small-count suppression applies here; the
report is for coordinators, who see each person's ledger anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from intranet.core.reports import BarChart, Column, Link, Table, bar_chart, csv_response
from intranet.people.services import colleagues
from network.models import SupportOfficePage

from ..models import TrainingModulePage, TrainingProgrammePage
from ..templatetags.training_tags import hours as format_hours
from .ledger import (
    Ledger,
    build_ledger,
    current_programme,
    hours_by_user_and_module,
    programme_modules,
    target_hours,
)


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
    rows: list[ReportRow]
    behind_count: int
    offices: list[SupportOfficePage]
    office: str
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


def report_people(office_id: int | None = None) -> QuerySet[User]:
    return colleagues(office=office_id).order_by("last_name", "first_name", "username")


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


def coordinator_report(office: str = "", behind_only: bool = False) -> CoordinatorReport:
    """The report for the filters a coordinator chose (an office id as typed in the
    query string, and whether to keep only people behind schedule)."""
    programme = current_programme()
    modules = programme_modules(programme)
    office_id = int(office) if office.isdigit() else None
    rows = report_rows(report_people(office_id), programme=programme, modules=modules)
    behind = [row for row in rows if row.ledger.behind_schedule]
    return CoordinatorReport(
        programme=programme,
        modules=modules,
        rows=behind if behind_only else rows,
        behind_count=len(behind),
        offices=list(SupportOfficePage.objects.order_by("title").only("id", "title")),
        office=str(office_id) if office_id else "",
        behind_only=behind_only,
    )


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
        for row in report.rows
    ]
    return csv_response("training-report.csv", header, rows)
