"""The insights in parts: an overview and one page per part, each light (≤ 40 KB), the
filters kept from page to page; what is cached follows a new enquiry on the next request
without ever showing a count under 5; in a large network the office is typed, not picked
from hundreds of options."""

import re

from django.utils import timezone

import pytest

from intranet.enquiries.models import Enquiry

from .factories import rows
from .reading import INSIGHT_PARTS, html_tables

pytestmark = pytest.mark.django_db

MAX_HTML = 40 * 1024


def test_every_part_is_a_light_page_that_keeps_the_filters(
    login, coordinator_user, offices, providers
):
    Enquiry.objects.bulk_create(
        rows(offices["cuba"], 40, topic="housing") + rows(offices["alcacovas"], 30, topic="health")
    )
    client = login(coordinator_user)
    overview = client.get("/insights/?topic=housing")
    html = overview.content.decode()
    assert len(overview.content) <= MAX_HTML
    assert 'data-testid="headline-enquiries">40<' in html
    for part in INSIGHT_PARTS:
        assert f'href="/insights/{part}/?topic=housing"' in html, part
        response = client.get(f"/insights/{part}/?topic=housing")
        assert response.status_code == 200, part
        assert len(response.content) <= MAX_HTML, (part, len(response.content))
        page = response.content.decode()
        assert 'aria-current="page" data-testid="insights-part-' + part in page
        assert "headline-enquiries" not in page  # the key figures are the overview's
    tables = html_tables(client.get("/insights/topics/").content.decode())
    assert set(tables) == {"table-topic-office"}
    assert client.get("/insights/nothing/").status_code == 404


def test_a_new_enquiry_shows_on_the_next_request_and_small_counts_stay_hidden(
    login, coordinator_user, staff_at_cuba, offices
):
    today = timezone.localdate()
    Enquiry.objects.bulk_create(rows(offices["cuba"], 4, topic="health", day=today))
    client = login(coordinator_user)
    headline = 'data-testid="headline-enquiries">{}<'
    assert headline.format("&lt;5") in client.get("/insights/").content.decode()
    assert headline.format("&lt;5") in client.get("/insights/").content.decode()  # cached
    Enquiry.objects.create(
        office=offices["cuba"],
        author=staff_at_cuba,
        date=today,
        channel="office",
        topic="health",
        outcome="answered",
    )
    html = client.get("/insights/").content.decode()
    assert headline.format("5") in html
    # The part pages show the same build: the health row of the topic table is 5 now.
    topics = html_tables(client.get("/insights/topics/").content.decode())
    header, *body = topics["table-topic-office"]
    footer = body[-1]
    assert footer[header.index("Health")] == "5"
    assert not re.search(r">\s*[1-4]\s*<", client.get("/insights/outcomes/").content.decode())


def test_in_a_large_network_the_office_is_typed_not_picked(
    login, coordinator_user, offices, monkeypatch
):
    monkeypatch.setattr("network.office_filter.SELECT_UP_TO", 1)
    Enquiry.objects.bulk_create(rows(offices["cuba"], 9) + rows(offices["alcacovas"], 7))
    client = login(coordinator_user)
    html = client.get("/insights/").content.decode()
    assert '<select id="office-filter"' not in html
    assert 'data-testid="office-filter-text"' in html

    one = client.get("/insights/?office_q=cuba").content.decode()
    assert 'data-testid="headline-enquiries">9<' in one
    assert 'name="office" value="{}"'.format(offices["cuba"].pk) in one

    several = client.get("/insights/?office_q=Gabinete").content.decode()
    assert 'data-testid="office-matches"' in several
    assert 'data-testid="headline-enquiries">16<' in several  # none chosen yet: all
    assert f"office={offices['cuba'].pk}" in several

    none = client.get("/insights/?office_q=Lisboa").content.decode()
    assert 'data-testid="office-no-match"' in none
    assert 'data-testid="headline-enquiries">16<' in none


def test_in_a_small_network_the_offices_are_a_select(login, coordinator_user, offices):
    html = login(coordinator_user).get(f"/insights/?office={offices['cuba'].pk}").content
    html = html.decode()
    assert '<select id="office-filter" name="office">' in html
    assert f'<option value="{offices["cuba"].pk}" selected>' in html
