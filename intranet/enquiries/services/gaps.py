"""Service gaps: staff propose, coordinators raise them with the service and follow the
answer; the evidence is counted from the log, suppressed like every report."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.core.notifications import absolute_url, notify
from intranet.core.reports import (
    SECONDARY_NOTE,
    BarChart,
    SuppressedGrid,
    Table,
    bar_chart,
    columns,
    suppress_grid,
)
from intranet.core.reports.periods import month_label, month_start, months_between
from intranet.core.roles import COORDINATORS

from ..choices import GapStatus, Outcome
from ..counting import Filters, enquiry_counts
from ..models import ServiceGap, ServiceGapEvent
from .access import own_office

PROPOSED_KIND = "service-gap-proposed"


def gaps_list() -> QuerySet[ServiceGap]:
    return ServiceGap.objects.select_related("provider", "proposed_by", "office")


@transaction.atomic
def propose_gap(user, form) -> ServiceGap:
    """A new gap, in draft, with the first step of its trail; coordinators are told."""
    gap = form.save(commit=False)
    gap.proposed_by = user
    gap.office = own_office(user)
    gap.status = GapStatus.DRAFT
    gap.save()
    ServiceGapEvent.objects.create(gap=gap, status=GapStatus.DRAFT, by=user)
    _tell_coordinators(gap, user)
    return gap


def _tell_coordinators(gap: ServiceGap, proposer) -> None:
    from django.contrib.auth.models import User

    coordinators = User.objects.filter(groups__name=COORDINATORS, is_active=True).exclude(
        pk=proposer.pk
    )
    for coordinator in coordinators:
        notify(coordinator, PROPOSED_KIND, {"gap": gap.pk}, key=f"gap-{gap.pk}")


def proposed_gap_context(recipient, params) -> dict | None:
    gap = gaps_list().filter(pk=params.get("gap")).first()
    if gap is None or gap.status != GapStatus.DRAFT:
        return None
    return {"gap": gap, "url": absolute_url(reverse("enquiries:gap-detail", args=[gap.pk]))}


@transaction.atomic
def change_status(gap: ServiceGap, user, form) -> ServiceGapEvent:
    event = form.save(commit=False)
    event.gap = gap
    event.by = user
    event.recorded_at = timezone.now()
    event.save()
    gap.status = event.status
    gap.save(update_fields=["status", "updated_at"])
    return event


def waiting_gaps() -> dict[str, list[ServiceGap]]:
    """For the coordinators' dashboard: drafts to look at, and gaps raised with a service
    that has not answered yet (oldest first)."""
    raised_on = Max("events__date", filter=Q(events__status=GapStatus.RAISED))
    gaps = (
        gaps_list()
        .filter(status__in=[GapStatus.DRAFT, GapStatus.RAISED])
        .annotate(raised_on=raised_on)
        .order_by("raised_on", "created_at")[:20]
    )
    waiting: dict[str, list[ServiceGap]] = {"drafts": [], "raised": []}
    for gap in gaps:
        waiting["drafts" if gap.status == GapStatus.DRAFT else "raised"].append(gap)
    return waiting


@dataclass
class Evidence:
    grid: SuppressedGrid
    table: Table
    chart: BarChart

    @property
    def total(self):
        return self.grid.total


def evidence(gap: ServiceGap) -> Evidence:
    """Enquiries with the gap's service and outcomes, by month, in the gap's period: one
    suppressed grid for the page, the letter, its PDF and the CSV alike."""
    months = months_between(gap.period_start, gap.period_end)
    outcomes = [o for o in Outcome if o.value in gap.outcomes] or [Outcome.REFUSED]
    filters = Filters(
        month_start(gap.period_start),
        months[-1],
        topic=gap.topic,
        provider_id=gap.provider_id,
        outcomes=tuple(o.value for o in outcomes),
    )
    counts = enquiry_counts(["month", "outcome"], filters)
    grid = suppress_grid(counts, months, [o.value for o in outcomes])
    rows = [[month_label(m), *grid.row(m), grid.row_totals[m]] for m in months]
    footer = [[_("Total"), *[grid.column_totals[o.value] for o in outcomes], grid.total]]
    table = Table(
        caption=_("Enquiries about %(service)s, by month and outcome")
        % {"service": gap.provider.name},
        columns=columns(_("Month"), *[o.label for o in outcomes], _("Total"), numeric_from=1),
        rows=rows,
        footer=footer,
        notes=[_("Counts from 1 to 4 are shown as “<5”.")]
        + ([str(SECONDARY_NOTE)] if grid.has_secondary else []),
        testid="gap-evidence",
    )
    chart = bar_chart(
        _("Enquiries with this service, by month"),
        [(month_label(m, short=True), grid.row_totals[m]) for m in months],
        testid="gap-evidence-chart",
    )
    return Evidence(grid, table, chart)
