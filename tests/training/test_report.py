"""The coordinator report on the reporting kernel: table, chart, filters, CSV, and a query
count that does not grow."""

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal

from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
import time_machine

from training import services
from training.models import Attendance, SelfStudyCompletion

from .factories import SelfStudyFactory, StaffFactory, SupportOfficeFactory, in_office
from .html import parse

pytestmark = pytest.mark.django_db

MID_PROGRAMME = datetime(2026, 11, 28, 12, tzinfo=UTC)  # 27.2 hours expected by then
REPORT = reverse("training:report")
REPORT_CSV = reverse("training:report-csv")


@pytest.fixture
def office(db):
    return SupportOfficeFactory(title="Gabinete de Cuba", municipality="Cuba")


@pytest.fixture
def ahead(module, office):
    person = in_office(StaffFactory(first_name="Rita", last_name="Pires"), office)
    SelfStudyFactory(user=person, module=module, hours=Decimal("60"))
    return person


@time_machine.travel(MID_PROGRAMME, tick=False)
def test_report_lists_everyone_with_hours_and_flags_who_is_behind(
    ahead, past_session, staff_user, coordinator_user, office, client_for
):
    services.record_attendance(past_session, staff_user, "present", None, coordinator_user)
    client = client_for(coordinator_user)
    page = parse(client.get(REPORT).content)
    table = page.find(testid="report-table")
    rows = {
        row.find("th").text: [cell.text for cell in row.find_all("td")]
        for row in table.find("tbody").find_all("tr")
    }
    assert rows["Rita Pires"][0] == "Gabinete de Cuba"
    assert rows["Rita Pires"][-4:] == ["60", "60", "27,2", "Objetivo atingido"]
    assert rows["Joana Simões"][-4:] == ["3", "3", "27,2", "Em atraso"]
    badges = {badge.text: badge.classes for badge in table.find_all(css="badge")}
    assert badges == {"Objetivo atingido": {"badge"}, "Em atraso": {"badge", "badge--warn"}}
    links = {a.text: a.get("href") for a in table.find("tbody").find_all("a")}
    assert links["Rita Pires"] == reverse("training:progress-person", args=[ahead.pk])
    assert page.find(testid="behind-count").get("data-count") == "2"

    filtered = client.get(REPORT, {"office": office.pk}).content.decode()
    assert "Rita Pires" in filtered and "Joana Simões" not in filtered

    behind = client.get(REPORT, {"behind": "1"}).content.decode()
    assert "Joana Simões" in behind and "Rita Pires" not in behind


@time_machine.travel(MID_PROGRAMME, tick=False)
def test_chart_has_the_target_line_and_expected_marks_and_fits_a_phone(
    ahead, staff_user, coordinator_user, client_for
):
    chart = parse(client_for(coordinator_user).get(REPORT).content).find(testid="report-chart")
    svg = chart.find("svg")
    # The kernel's chart is drawn 360 units wide and scales to the screen.
    assert svg.get("viewbox").split()[2] == "362"
    assert svg.get("role") == "img" and svg.find("title").text
    assert len(chart.find_all(css="report-chart__target")) == 1
    assert len(chart.find_all(css="report-chart__marker")) == 3  # one per person
    assert len(chart.find_all(css="is-highlighted")) == 2  # behind: staff and coordinator
    labels = [label.text for label in chart.find_all(css="report-chart__label")]
    assert "Rita Pires · 60 h" in labels
    # Coordinates stay numbers in Portuguese too ("47.7", never "47,7").
    for shape in chart.find_all("rect") + chart.find_all("line"):
        for name in ("width", "x1", "x2"):
            if shape.get(name) is not None:
                float(shape.get(name))
    legend = chart.find(css="report-chart__legend").text
    assert "Objetivo: 60 h" in legend and "Em atraso" in legend


def test_report_csv_keeps_its_columns(
    module, past_session, staff_user, coordinator_user, client_for
):
    services.record_attendance(past_session, staff_user, "present", None, coordinator_user)
    response = client_for(coordinator_user).get(REPORT_CSV)
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Nome",
        "Nome de utilizador",
        "Gabinete",
        module.title,
        "Total de horas",
        "Objetivo",
        "Em atraso",
    ]
    joana = next(row for row in rows if row[1] == staff_user.username)
    assert joana == ["Joana Simões", staff_user.username, "", "3.00", "3.00", "60", "sim"]


def test_csv_follows_the_filters(ahead, staff_user, office, coordinator_user, client_for):
    client = client_for(coordinator_user)
    usernames = [
        row[1]
        for row in csv.reader(
            io.StringIO(client.get(REPORT_CSV, {"office": office.pk}).content.decode("utf-8-sig"))
        )
    ]
    assert usernames[1:] == [ahead.username]


@pytest.mark.parametrize("role", ["staff", "partner"])
def test_report_is_for_coordinators_only(role_users, client_for, role):
    client = client_for(role_users[role])
    assert client.get(REPORT).status_code == 403
    assert client.get(REPORT_CSV).status_code == 403


def _staff(count, prefix, module, session):
    group = Group.objects.get(name="Staff")
    users = User.objects.bulk_create(
        [User(username=f"{prefix}{i}", first_name="P", last_name=f"{i:04d}") for i in range(count)]
    )
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=u.pk, group_id=group.pk) for u in users]
    )
    Attendance.objects.bulk_create(
        [Attendance(session=session, user=u, status="present", hours=Decimal("3")) for u in users]
    )
    SelfStudyCompletion.objects.bulk_create(
        [SelfStudyCompletion(user=u, module=module, hours=Decimal("2")) for u in users]
    )


def _queries(client, url):
    client.get(url)  # warm-up: sessions, caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_report_query_count_does_not_grow_with_staff(
    module, past_session, coordinator_user, client_for
):
    client = client_for(coordinator_user)
    _staff(20, "vinte", module, past_session)
    small_page, small_csv = _queries(client, REPORT), _queries(client, REPORT_CSV)
    _staff(480, "muitos", module, past_session)
    assert User.objects.filter(groups__name="Staff").count() == 500
    assert _queries(client, REPORT) == small_page
    assert _queries(client, REPORT_CSV) == small_csv


def test_report_csv_neutralises_formulas(module, staff_user, coordinator_user, client_for):
    """A name typed in the admin's account settings as a formula stays text in the CSV."""
    staff_user.first_name = '=HYPERLINK("http://evil.example","x")'
    staff_user.last_name = ""
    staff_user.save()
    module.title = "@SUM(1+1)"
    module.save_revision().publish()
    response = client_for(coordinator_user).get(REPORT_CSV)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert "'@SUM(1+1)" in rows[0]
    row = next(row for row in rows if row[1] == staff_user.username)
    assert row[0] == '\'=HYPERLINK("http://evil.example","x")'


# --- national scale: pages, the cache, the office typed ---------------------------------


def _table_names(client, params=None) -> list[str]:
    page = parse(client.get(REPORT, params or {}).content)
    body = page.find(testid="report-table").find("tbody")
    return [row.find("th").text for row in body.find_all("tr")]


def test_the_report_lists_25_people_a_page_and_the_csv_everyone(
    module, past_session, coordinator_user, client_for
):
    StaffFactory.create_batch(30)
    client = client_for(coordinator_user)
    people = services.reports.report_people().count()
    assert people > 30
    first, second = _table_names(client), _table_names(client, {"page": 2})
    assert len(first) == 25 and len(second) == people - 25
    assert not set(first) & set(second)
    page = parse(client.get(REPORT).content)
    assert page.find(testid="report-count").text.startswith(f"{people} ")
    assert page.find(testid="pagination")
    assert len(page.find(testid="report-chart").find_all(css="report-chart__marker")) == 25
    csv_rows = list(csv.reader(io.StringIO(client.get(REPORT_CSV).content.decode("utf-8-sig"))))
    assert len(csv_rows) - 1 == people


@time_machine.travel(MID_PROGRAMME, tick=False)
def test_new_hours_show_on_the_next_request(
    ahead, past_session, staff_user, coordinator_user, client_for
):
    client = client_for(coordinator_user)
    behind = parse(client.get(REPORT).content).find(testid="behind-count")
    assert behind.get("data-count") == "2"
    assert parse(client.get(REPORT).content).find(testid="behind-count").get("data-count") == "2"
    SelfStudyFactory(user=staff_user, module=past_session.module, hours=Decimal("30"))
    page = parse(client.get(REPORT).content)
    assert page.find(testid="behind-count").get("data-count") == "1"
    assert "Joana Simões" not in client.get(REPORT, {"behind": "1"}).content.decode()


def test_in_a_large_network_the_office_is_typed(
    ahead, staff_user, office, coordinator_user, client_for, monkeypatch
):
    monkeypatch.setattr("network.office_filter.SELECT_UP_TO", 0)
    client = client_for(coordinator_user)
    page = client.get(REPORT).content.decode()
    assert '<select id="office-filter"' not in page
    assert 'data-testid="office-filter-text"' in page
    assert _table_names(client, {"office_q": "cuba"}) == ["Rita Pires"]
    csv_text = client.get(REPORT_CSV, {"office_q": "cuba"}).content.decode("utf-8-sig")
    assert "Rita Pires" in csv_text and "Joana Simões" not in csv_text
    other = SupportOfficeFactory(title="Gabinete de Beja", municipality="Beja")
    in_office(staff_user, other)
    several = client.get(REPORT, {"office_q": "Gabinete"}).content.decode()
    assert 'data-testid="office-matches"' in several
    # Both offices match: the report counts the people of both, sorted by surname.
    assert _table_names(client, {"office_q": "Gabinete"}) == ["Rita Pires", "Joana Simões"]
    nothing = client.get(REPORT, {"office_q": "Lisboa"}).content.decode()
    assert 'data-testid="office-no-match"' in nothing
