"""The coordinator report: filters, CSV, chart, and a query count that does not grow."""

import csv
import io
from decimal import Decimal

from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.conftest import make_user
from training import services
from training.models import Attendance, SelfStudyCompletion

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    from network.models import NetworkDirectoryPage, SupportOfficePage

    directory = NetworkDirectoryPage.objects.get()
    page = SupportOfficePage(title="Gabinete de Cuba", slug="gabinete-cuba", municipality="Cuba")
    directory.add_child(instance=page)
    return page


def test_report_lists_everyone_with_hours_and_flags_who_is_behind(
    module, past_session, staff_user, coordinator_user, office, client_for
):
    ahead = make_user("adiantada", "Staff", first_name="Rita", last_name="Pires")
    ahead.profile.office = office
    ahead.profile.save()
    SelfStudyCompletion.objects.create(user=ahead, module=module, hours=Decimal("60"))
    services.record_attendance(past_session, staff_user, "present", None, coordinator_user)

    client = client_for(coordinator_user)
    html = client.get("/training/report/").content.decode()
    assert "Rita Pires" in html and "Joana Simões" in html
    assert 'data-testid="report-chart"' in html and "<svg" in html
    assert '<title id="chart-title">' in html
    assert "Objetivo atingido" in html
    # The legend explains the orange bars of the people behind schedule.
    assert "barras cor de laranja: em atraso" in html

    filtered = client.get(f"/training/report/?office={office.pk}").content.decode()
    assert "Rita Pires" in filtered and "Joana Simões" not in filtered

    behind = client.get("/training/report/?behind=1").content.decode()
    assert "Joana Simões" in behind and "Rita Pires" not in behind


def test_report_csv(module, past_session, staff_user, coordinator_user, client_for):
    services.record_attendance(past_session, staff_user, "present", None, coordinator_user)
    response = client_for(coordinator_user).get("/training/report.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Nome" and module.title in rows[0]
    joana = next(row for row in rows if row[1] == staff_user.username)
    assert joana[0] == "Joana Simões"
    assert joana[rows[0].index(module.title)] == "3.00"
    assert joana[rows[0].index("Total de horas")] == "3.00"


@pytest.mark.parametrize("role", ["staff", "partner"])
def test_report_is_for_coordinators_only(role_users, client_for, role):
    client = client_for(role_users[role])
    assert client.get("/training/report/").status_code == 403
    assert client.get("/training/report.csv").status_code == 403


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
    small_page, small_csv = (
        _queries(client, "/training/report/"),
        _queries(client, "/training/report.csv"),
    )
    _staff(480, "muitos", module, past_session)
    assert User.objects.filter(groups__name="Staff").count() == 500
    assert _queries(client, "/training/report/") == small_page
    assert _queries(client, "/training/report.csv") == small_csv


def test_report_csv_neutralises_formulas(module, staff_user, coordinator_user, client_for):
    """A name typed in the admin's account settings as a formula stays text in the CSV."""
    staff_user.first_name = '=HYPERLINK("http://evil.example","x")'
    staff_user.last_name = ""
    staff_user.save()
    module.title = "@SUM(1+1)"
    module.save_revision().publish()
    response = client_for(coordinator_user).get("/training/report.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert "'@SUM(1+1)" in rows[0]
    row = next(row for row in rows if row[1] == staff_user.username)
    assert row[0] == '\'=HYPERLINK("http://evil.example","x")'
