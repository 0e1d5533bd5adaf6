"""The dashboard panels, the demo year of enquiries, and text typed by people shown
escaped on every new page."""

import io
from collections import Counter

from django.core import mail
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

import pytest
import time_machine

from intranet.enquiries.models import (
    Enquiry,
    OutreachVisit,
    ServiceGap,
)
from intranet.enquiries.services.log import record_enquiry

from .factories import form_data, rows
from .reading import INSIGHT_PARTS


@pytest.mark.django_db
def test_staff_log_from_the_dashboard_and_see_this_month_at_their_office(
    login, staff_at_alcacovas, staff_user, offices
):
    client = login(staff_at_alcacovas)
    panel = client.get("/").content.decode().split('data-testid="panel-enquiries"')[1]
    assert 'href="/enquiries/new/" data-testid="dashboard-log-enquiry"' in panel
    assert "<strong>0</strong>" in panel.split("</section>")[0]
    # Saved one by one, as the form does: bulk_create would send no signal, and the cached
    # dashboard would not know (intranet.core.caching).
    for enquiry in rows(offices["alcacovas"], 3) + rows(offices["cuba"], 9):
        enquiry.save()
    panel = client.get("/").content.decode().split('data-testid="panel-enquiries"')[1]
    assert "<strong>&lt;5</strong>" in panel.split("</section>")[0]
    for enquiry in rows(offices["alcacovas"], 4):
        enquiry.save()
    panel = client.get("/").content.decode().split('data-testid="panel-enquiries"')[1]
    assert "<strong>7</strong>" in panel.split("</section>")[0]
    assert 'data-testid="panel-service-gaps"' not in client.get("/").content.decode()


@pytest.mark.django_db
def test_partners_see_no_enquiry_panel(login, partner_user, coordinator_user):
    client = login(partner_user)
    assert client.get("/").status_code == 302
    html = login(coordinator_user).get("/").content.decode()
    assert 'data-testid="panel-enquiries"' in html


@pytest.mark.django_db
def test_the_demo_is_a_plausible_year_idempotent_and_silent():
    with time_machine.travel("2026-11-28 12:00", tick=False):
        call_command("load_demo", stdout=io.StringIO())
        counts = (
            Enquiry.objects.count(),
            OutreachVisit.objects.count(),
            ServiceGap.objects.count(),
        )
        call_command("load_demo", stdout=io.StringIO())
        assert (
            Enquiry.objects.count(),
            OutreachVisit.objects.count(),
            ServiceGap.objects.count(),
        ) == counts
    assert len(mail.outbox) == 0
    assert 1400 <= counts[0] <= 1700
    assert Enquiry.objects.values("office").distinct().count() == 8
    topics = Counter(dict(Enquiry.objects.values_list("topic").annotate(n=Count("pk"))))
    top_five = [topic for topic, _n in topics.most_common(5)]
    assert top_five[:2] == ["immigration-procedures", "employment"]
    assert {"housing", "education"} <= set(top_five)
    # Farm work peaks at the grape and olive harvests.
    seasonal = Counter(
        d.month
        for d in Enquiry.objects.filter(subtopic="seasonal-work").values_list("date", flat=True)
    )
    assert seasonal[10] > 2 * seasonal[2]
    assert Enquiry.objects.exclude(outreach_visit=None).exists()
    assert set(ServiceGap.objects.values_list("status", flat=True)) >= {"raised", "acknowledged"}
    cuba = ServiceGap.objects.get(provider__slug="cs-cuba")
    assert cuba.events.count() == 3
    # Every demo note passes the log's own check.
    from intranet.enquiries.privacy import identifiers_in

    assert not [
        n
        for n in Enquiry.objects.exclude(note="").values_list("note", flat=True)
        if identifiers_in(n)
    ]
    assert not Enquiry.objects.filter(date__gt=timezone.localdate()).exists()


XSS = '<script>alert("xss")</script>'


@pytest.mark.django_db
def test_text_typed_by_people_is_escaped(
    login, staff_at_alcacovas, coordinator_user, offices, providers
):
    result = record_enquiry(staff_at_alcacovas, form_data(offices["alcacovas"], note=XSS))
    entry = result.entry
    visit = OutreachVisit.objects.create(
        office=offices["alcacovas"],
        author=staff_at_alcacovas,
        date=timezone.localdate(),
        municipality="Cuba",
        place_kind="leisure",
        place=XSS,
        note=XSS,
        people_reached=5,
    )
    gap = ServiceGap.objects.create(
        provider=providers["cs-cuba"],
        title=XSS,
        description=XSS,
        period_start=timezone.localdate(),
        period_end=timezone.localdate(),
        outcomes=["refused"],
    )
    client = login(coordinator_user)
    pages = [
        f"/enquiries/{entry.pk}/",
        "/enquiries/outreach/",
        f"/enquiries/outreach/{visit.pk}/",
        "/service-gaps/",
        f"/service-gaps/{gap.pk}/",
        f"/service-gaps/{gap.pk}/letter/",
        "/insights/",
        *[f"/insights/{part}/" for part in INSIGHT_PARTS],
        "/",
    ]
    for page in pages:
        html = client.get(page).content.decode()
        assert "<script>alert" not in html, page
    assert "&lt;script&gt;alert" in client.get(f"/service-gaps/{gap.pk}/letter/").content.decode()
    assert "&lt;script&gt;alert" in client.get(f"/enquiries/{entry.pk}/").content.decode()


@pytest.mark.django_db
def test_the_personal_data_download_says_what_the_person_logged(login, staff_at_alcacovas, offices):
    record_enquiry(staff_at_alcacovas, form_data(offices["alcacovas"]))
    data = login(staff_at_alcacovas).get("/people/me/data.json").json()
    assert data["enquiries"] == {
        "enquiries_logged": 1,
        "outreach_visits_recorded": 0,
        "service_gaps_proposed": [],
    }
