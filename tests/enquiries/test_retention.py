"""Retention: old enquiries are folded into monthly counts and deleted by a command that
says what it did; insights and gap evidence give the same totals before and after."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

import pytest

from intranet.core.reports.periods import add_months, month_start
from intranet.enquiries.insights import Scope, build
from intranet.enquiries.models import Enquiry, EnquiryChange, FoldedEnquiryCount, ServiceGap

from .factories import rows


def _published(insights) -> dict:
    """Everything the page would show: headline and every table's text."""
    shown = {"total": str(insights.total)}
    for key, section in insights.sections.items():
        shown[key] = [[str(c) for c in row] for row in section.table.all_rows()]
    return shown


@pytest.mark.django_db
def test_folding_keeps_every_total_and_deletes_the_rows(offices, providers, staff_user, settings):
    settings.ENQUIRY_RETENTION_YEARS = 5
    this_month = month_start(timezone.localdate())
    six_years_ago = add_months(this_month, -72)
    entries = []
    for k, n in enumerate([7, 3, 12, 1, 0, 9]):
        month = add_months(six_years_ago, k)
        entries += rows(offices["alcacovas"], n, day=month + datetime.timedelta(days=k + 3))
        entries += rows(
            offices["cuba"],
            n + 2,
            day=month + datetime.timedelta(days=20),
            topic="health",
            subtopic="sns-number",
            outcome="refused",
            provider=providers["cs-cuba"],
        )
    recent = rows(offices["cuba"], 11, topic="employment", outcome="referred")
    Enquiry.objects.bulk_create(entries + recent)
    first_old = Enquiry.objects.order_by("date").first()
    EnquiryChange.objects.create(enquiry=first_old, changes={"Outcome": ["a", "b"]})
    old_scope = Scope(six_years_ago, add_months(six_years_ago, 17))
    recent_scope = Scope(add_months(this_month, -11), this_month)
    gap = ServiceGap.objects.create(
        provider=providers["cs-cuba"],
        title="Recusa de inscrição",
        description="Recusam a inscrição.",
        period_start=six_years_ago,
        period_end=add_months(six_years_ago, 5),
        outcomes=["refused"],
    )
    from intranet.enquiries.services.gaps import evidence

    before = [_published(build(old_scope)), _published(build(recent_scope))]
    evidence_before = [[str(c) for c in r] for r in evidence(gap).table.all_rows()]
    assert before[0]["total"] == str(len(entries))

    out = io.StringIO()
    call_command("fold_old_enquiries", stdout=out)
    assert f"Folded {len(entries)} enquiries from before" in out.getvalue()
    assert Enquiry.objects.count() == len(recent)
    assert not EnquiryChange.objects.exists()
    assert FoldedEnquiryCount.objects.exists()

    after = [_published(build(old_scope)), _published(build(recent_scope))]
    assert after == before
    assert [[str(c) for c in r] for r in evidence(gap).table.all_rows()] == evidence_before

    out = io.StringIO()
    call_command("fold_old_enquiries", stdout=out)
    assert "Folded 0 enquiries" in out.getvalue()


@pytest.mark.django_db
def test_a_dry_run_changes_nothing_and_the_period_can_be_shortened(offices):
    this_month = month_start(timezone.localdate())
    Enquiry.objects.bulk_create(
        rows(offices["alcacovas"], 4, day=add_months(this_month, -30))
        + rows(offices["alcacovas"], 2, day=add_months(this_month, -3))
    )
    out = io.StringIO()
    call_command("fold_old_enquiries", "--years", "2", "--dry-run", stdout=out)
    assert "Would fold 4 enquiries" in out.getvalue()
    assert Enquiry.objects.count() == 6 and not FoldedEnquiryCount.objects.exists()
    call_command("fold_old_enquiries", "--years", "2", stdout=io.StringIO())
    assert Enquiry.objects.count() == 2
    folded = FoldedEnquiryCount.objects.get()
    assert (folded.enquiries, folded.month) == (4, add_months(this_month, -30))


@pytest.mark.django_db
def test_folding_twice_into_the_same_month_adds_up(offices):
    """Rows logged late for an already folded month are added to its counts."""
    old = add_months(month_start(timezone.localdate()), -70)
    Enquiry.objects.bulk_create(rows(offices["alcacovas"], 5, day=old))
    call_command("fold_old_enquiries", stdout=io.StringIO())
    Enquiry.objects.bulk_create(rows(offices["alcacovas"], 2, day=old))
    out = io.StringIO()
    call_command("fold_old_enquiries", stdout=out)
    assert "0 new rows, 1 updated" in out.getvalue()
    assert FoldedEnquiryCount.objects.get().enquiries == 7
