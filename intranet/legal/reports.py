"""The coordinators' acknowledgement report, made with the core's reporting pieces.

Counts here are not suppressed: the report names who has and has not read an update on
purpose (coordinators follow up with each person), so a small count reveals nothing the
page does not already show.
"""

from collections.abc import Iterable
from datetime import date

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from intranet.core.reports import BarChart, Link, Table, bar_chart, columns, csv_response

from .models import LegalUpdatePage
from .services import OfficeCount, is_overdue


def _due(update: LegalUpdatePage, today: date) -> str:
    if not update.acknowledge_by:
        return "—"
    text = formats.date_format(update.acknowledge_by, "SHORT_DATE_FORMAT")
    if is_overdue(update, today):
        text = _("%(date)s (overdue)") % {"date": text}
    return text


def updates_table(updates: Iterable[LegalUpdatePage], reader_count: int) -> Table:
    """One row per must-read update (annotated by ``services.report_updates``)."""
    today = timezone.localdate()
    return Table(
        caption=_("Must-read legal updates and how many have acknowledged them"),
        columns=columns(
            _("Legal update"), _("Acknowledge by"), _("Acknowledged"), _("Not yet"), numeric_from=2
        ),
        rows=[
            [
                Link(update.title, reverse("legal:report-detail", args=[update.pk])),
                _due(update, today),
                update.acknowledged_count,
                max(reader_count - update.acknowledged_count, 0),
            ]
            for update in updates
        ],
        testid="legal-report",
        empty_text=_("No must-read update has been published yet."),
    )


def _office_name(office: str | None) -> str:
    return office or _("No office")


def offices_table(counts: list[OfficeCount]) -> Table:
    readers = sum(c.readers for c in counts)
    acknowledged = sum(c.acknowledged for c in counts)
    return Table(
        caption=_("Acknowledgements by office"),
        columns=columns(
            _("Office"), _("Must read it"), _("Acknowledged"), _("Not yet"), numeric_from=1
        ),
        rows=[[_office_name(c.office), c.readers, c.acknowledged, c.pending] for c in counts],
        footer=[[_("Total"), readers, acknowledged, readers - acknowledged]] if counts else [],
        testid="office-summary",
        empty_text=_("Nobody is expected to read updates yet."),
    )


def offices_chart(counts: list[OfficeCount]) -> BarChart:
    return bar_chart(
        _("Share of each office that has acknowledged"),
        [
            (_office_name(c.office), round(100 * c.acknowledged / c.readers) if c.readers else 0)
            for c in counts
        ],
        maximum=100,
        value_format=lambda percent: f"{percent}%",
        highlight=[c.pending > 0 for c in counts],
        legend=[
            ("done", _("Everyone has acknowledged")),
            ("behind", _("Someone has not acknowledged yet")),
        ],
        testid="office-chart",
    )


def people_tables(readers: Iterable) -> list[Table]:
    """The people on one page of the "who has read" list, a table per office."""
    tables: list[Table] = []
    for reader in readers:
        name = _office_name(reader.office_title)
        if not tables or tables[-1].caption != name:
            tables.append(
                Table(
                    caption=name,
                    columns=columns(_("Person"), _("Acknowledged")),
                    testid="office-group",
                )
            )
        when = (
            formats.date_format(timezone.localtime(reader.acknowledged_at), "DATETIME_FORMAT")
            if reader.acknowledged_at
            else _("Not yet")
        )
        tables[-1].rows.append([reader.get_full_name() or reader.username, when])
    return tables


def people_csv(update: LegalUpdatePage, readers: Iterable):
    rows = (
        [
            _office_name(reader.office_title),
            reader.get_full_name(),
            reader.username,
            reader.email,
            _("yes") if reader.acknowledged_at else _("no"),
            timezone.localtime(reader.acknowledged_at).strftime("%Y-%m-%d %H:%M")
            if reader.acknowledged_at
            else "",
        ]
        for reader in readers
    )
    return csv_response(
        f"confirmacoes-{update.slug}.csv",
        [_("Office"), _("Name"), _("Username"), _("E-mail"), _("Acknowledged"), _("When")],
        rows,
    )
