"""Retention: enquiries older than ``ENQUIRY_RETENTION_YEARS`` (default 5) are folded into
monthly counts, by the dimensions insights use, and deleted. Insights read raw rows and
folded counts together, so their totals are the same before and after a fold.

What is dropped on folding: the exact date (the month stays), the author, the bands, the
note, the follow-up flag, the outreach link and the trail of changes.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from intranet.core.reports.periods import month_start

from .counting import as_date
from .models import Enquiry, FoldedEnquiryCount

KEY = ["month", "office_id", "channel", "topic", "subtopic", "outcome", "provider_id"]


@dataclass
class FoldResult:
    before: datetime.date
    enquiries: int
    rows_created: int
    rows_updated: int


def cutoff(today: datetime.date, years: int) -> datetime.date:
    """The first day of the month ``years`` years ago: whole months are folded."""
    start = month_start(today)
    return start.replace(year=start.year - years)


@transaction.atomic
def fold_old_enquiries(today: datetime.date, years: int, dry_run: bool = False) -> FoldResult:
    before = cutoff(today, years)
    old = Enquiry.objects.filter(date__lt=before)
    groups = (
        old.annotate(month=TruncMonth("date"))
        .values(*KEY)
        .annotate(n=Count("pk"), people_sum=Sum("people"))
        .order_by()
    )
    existing = {
        tuple(getattr(row, field) for field in KEY): row
        for row in FoldedEnquiryCount.objects.filter(month__lt=before)
    }
    new, changed, total = [], [], 0
    for group in groups:
        key = tuple(as_date(group[f]) if f == "month" else group[f] for f in KEY)
        total += group["n"]
        if key in existing:
            row = existing[key]
            row.enquiries += group["n"]
            row.people += group["people_sum"]
            changed.append(row)
        else:
            new.append(
                FoldedEnquiryCount(
                    **dict(zip(KEY, key, strict=True)),
                    enquiries=group["n"],
                    people=group["people_sum"],
                )
            )
    if not dry_run:
        FoldedEnquiryCount.objects.bulk_create(new, batch_size=1000)
        FoldedEnquiryCount.objects.bulk_update(changed, ["enquiries", "people"], batch_size=1000)
        old.delete()
    return FoldResult(before, total, len(new), len(changed))
