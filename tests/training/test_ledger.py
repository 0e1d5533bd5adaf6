"""The hours ledger: arithmetic, pace, the progress page and the panels."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal

from django.test import RequestFactory
from django.urls import reverse

import pytest
import time_machine

from intranet.core.tokens import issue_token
from training import services
from training.models import CALENDAR_PURPOSE, Attendance, TopicArea
from training.wagtail_hooks import (
    training_personal_data,
    training_profile_panel,
    training_progress_panel,
)

from .factories import (
    ModuleFactory,
    SelfStudyFactory,
    SessionFactory,
    StaffFactory,
    TopicRequestFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_modules(programme):
    return (
        ModuleFactory(parent=programme, topic_area=TopicArea.TEAMWORK),
        ModuleFactory(
            parent=programme,
            topic_area=TopicArea.IMMIGRATION_LAW,
            face_to_face_hours=Decimal("6"),
            self_study_hours=Decimal("3"),
        ),
    )


def test_ledger_adds_sessions_and_self_study_by_module_and_area(
    two_modules, staff_user, coordinator_user
):
    teamwork, law = two_modules
    s1 = SessionFactory(module=teamwork, days=-30, hours=4)
    s2 = SessionFactory(module=law, days=-20, hours=3)
    s3 = SessionFactory(module=law, days=-10, hours=3)
    services.record_attendance(s1, staff_user, "present", None, coordinator_user)
    services.record_attendance(s2, staff_user, "late", Decimal("2.25"), coordinator_user)
    services.record_attendance(s3, staff_user, "excused", None, coordinator_user)
    services.complete_self_study(staff_user, law)
    services.complete_self_study(staff_user, law)

    ledger = services.ledger_for(staff_user)

    by_module = {row.module.pk: row for row in ledger.modules}
    assert by_module[teamwork.pk].face_to_face == Decimal("4")
    assert by_module[teamwork.pk].self_study == 0
    assert by_module[law.pk].face_to_face == Decimal("2.25")
    assert by_module[law.pk].self_study == Decimal("3")
    assert ledger.by_area == {
        TopicArea.TEAMWORK: Decimal("4"),
        TopicArea.IMMIGRATION_LAW: Decimal("5.25"),
    }
    assert ledger.total == Decimal("9.25")
    assert ledger.remaining == Decimal("50.75")
    assert ledger.percent == 15


def test_someone_elses_hours_do_not_count(module, past_session, staff_user, coordinator_user):
    services.record_attendance(past_session, coordinator_user, "present", None, coordinator_user)
    assert services.ledger_for(staff_user).total == 0


@time_machine.travel(date(2026, 11, 28), tick=False)
def test_months_left_and_hours_needed_per_month(programme, module, staff_user):
    SelfStudyFactory(user=staff_user, module=module, hours=Decimal("12"))
    ledger = services.ledger_for(staff_user)
    # From 28 Nov 2026 to 31 Dec 2027: December 2026 … December 2027 plus what is left of November.
    assert ledger.months_left == 14
    assert ledger.remaining == Decimal("48")
    assert ledger.hours_per_month_needed == Decimal("3.4")
    # 331 of 729 days gone: about 27.2 hours expected by now, so 12 is behind schedule.
    assert ledger.expected_by_now == Decimal("27.24")
    assert ledger.behind_schedule


@time_machine.travel(date(2028, 3, 1), tick=False)
def test_after_the_programme_ends_no_months_are_left(programme, staff_user):
    ledger = services.ledger_for(staff_user)
    assert ledger.months_left == 0
    assert ledger.hours_per_month_needed == Decimal("60")


def test_months_between():
    assert services.months_between(date(2026, 1, 1), date(2026, 1, 31)) == 1
    assert services.months_between(date(2026, 1, 15), date(2026, 3, 10)) == 2
    assert services.months_between(date(2026, 1, 15), date(2026, 3, 20)) == 3
    assert services.months_between(date(2026, 5, 1), date(2026, 4, 1)) == 0


def test_progress_page_shows_my_hours(
    module, past_session, staff_user, coordinator_user, client_for
):
    services.record_attendance(past_session, staff_user, "present", None, coordinator_user)
    html = client_for(staff_user).get("/training/progress/").content.decode()
    assert 'data-testid="training-progress"' in html
    assert "3 de 60 horas" in html
    assert module.title in html
    assert 'aria-valuenow="3"' in html


def test_staff_cannot_see_another_persons_ledger_but_coordinators_can(
    staff_user, coordinator_user, client_for
):
    other = StaffFactory(first_name="Outra")
    assert client_for(staff_user).get(f"/training/progress/{other.pk}/").status_code == 403
    assert client_for(staff_user).get(f"/training/progress/{staff_user.pk}/").status_code == 200
    response = client_for(coordinator_user).get(f"/training/progress/{other.pk}/")
    assert response.status_code == 200
    assert "Outra" in response.content.decode()


def test_dashboard_panel_shows_hours_and_next_session(module, session, staff_user, client_for):
    services.book_session(staff_user, session.pk)
    html = client_for(staff_user).get("/").content.decode()
    assert 'data-testid="panel-training-progress"' in html
    assert "0 de 60 horas" in html
    assert f"/training/sessions/{session.pk}/" in html


def test_dashboard_panel_is_not_for_partners(partner_user):
    request = RequestFactory().get("/")
    request.user = partner_user
    assert training_progress_panel(request) is None


def test_profile_panel_for_self_and_coordinators_only(staff_user, coordinator_user, module):
    other = StaffFactory()
    SelfStudyFactory(user=other, module=module)
    request = RequestFactory().get("/")

    request.user = other
    panel = training_profile_panel(request, other)
    assert panel is not None and panel.order == 20
    assert panel.context["ledger"].total == Decimal("2")

    request.user = coordinator_user
    assert training_profile_panel(request, other).context["ledger"].total == Decimal("2")

    request.user = staff_user
    assert training_profile_panel(request, other) is None


def test_profile_panel_template_renders(staff_user, module):
    from django.template.loader import render_to_string

    request = RequestFactory().get("/")
    request.user = staff_user
    panel = training_profile_panel(request, staff_user)
    html = render_to_string(panel.template_name, {"panel": panel.context})
    assert "0 de 60 horas" in html


def test_attendance_absent_hours_default_to_zero(past_session, staff_user, coordinator_user):
    attendance = services.record_attendance(
        past_session, staff_user, "absent", None, coordinator_user
    )
    assert attendance.hours == 0
    assert attendance.status == Attendance.Status.ABSENT


def test_personal_data_hook_lists_what_training_keeps(
    module, past_session, staff_user, coordinator_user
):
    services.record_attendance(past_session, staff_user, "present", None, coordinator_user)
    services.complete_self_study(staff_user, module)
    TopicRequestFactory(requester=staff_user, topic="Saúde")
    key, data = training_personal_data(staff_user)
    assert key == "training"
    json.dumps(data)
    assert data["attendance"][0]["hours"] == "3.00" and data["attendance"][0]["walk_in"] is True
    assert data["self_study"][0]["module"] == module.title
    assert data["topic_requests"][0]["topic"] == "Saúde"
    assert data["certificate"] is None
    assert data["calendar_feed"] == {"exists": False}
    assert training_personal_data(coordinator_user)[1]["attendance"] == []


@time_machine.travel(datetime(2026, 11, 3, 10, 0, tzinfo=UTC), tick=False)
def test_personal_data_reports_the_calendar_feed_but_not_its_secret(staff_user, client_for):
    token = issue_token(staff_user, CALENDAR_PURPOSE)
    data = training_personal_data(staff_user)[1]
    assert data["calendar_feed"] == {
        "exists": True,
        "created_on": "2026-11-03",
        "last_used_on": None,
    }
    assert token.token not in json.dumps(data)
    # The people app's download still works with it.
    download = client_for(staff_user).get(reverse("people:my-data")).json()
    assert download["training"]["calendar_feed"]["created_on"] == "2026-11-03"


def test_dashboard_panel_is_not_for_administrators_outside_the_programme(admin_user, client_for):
    html = client_for(admin_user).get("/").content.decode()
    assert 'data-testid="panel-training-progress"' not in html
