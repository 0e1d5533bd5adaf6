"""The training demo: data files read by a small loader; realistic, idempotent, and telling
the same story every time (one graduate, two or three people clearly behind)."""

import io
from datetime import UTC, date, datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from intranet.core.demo import demo_shift
from training.demo import _read
from training.models import (
    Attendance,
    Booking,
    Certificate,
    SelfStudyCompletion,
    TopicRequest,
    TrainingModulePage,
    TrainingSession,
)

from .html import parse

pytestmark = pytest.mark.django_db


def _counts():
    return [
        model.objects.count()
        for model in (
            TrainingModulePage,
            TrainingSession,
            Booking,
            Attendance,
            SelfStudyCompletion,
            TopicRequest,
            Certificate,
        )
    ]


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def test_data_files_refer_only_to_what_they_define():
    setup = _read("programme.yaml")
    modules = {module["slug"] for module in setup["modules"]}
    assert sum(m["face_to_face"] + m["self_study"] for m in setup["modules"]) == 60
    sessions = {entry["key"] for entry in _read("sessions.yaml")["sessions"]}
    assert {key.split("/")[0] for key in sessions} == modules
    for record in _read("people.yaml").values():
        assert set(record.get("attended") or {}) <= sessions
        assert set(record.get("booked") or []) <= sessions
        assert set(record.get("self_study") or {}) <= modules
    for request in _read("requests.yaml")["topic_requests"]:
        assert request.get("module", next(iter(modules))) in modules
        assert request.get("session", next(iter(sessions))) in sessions


def test_demo_builds_the_programme_once_and_tells_its_story(demo, client_for):
    first = _counts()
    call_command("load_demo", stdout=io.StringIO())
    assert _counts() == first

    modules = TrainingModulePage.objects.live()
    assert modules.count() == 10
    assert sum(m.nominal_hours for m in modules) == Decimal("60")
    now = timezone.now()
    assert TrainingSession.objects.filter(starts_at__lt=now).exists()
    assert TrainingSession.objects.filter(starts_at__gt=now).exists()
    assert set(TopicRequest.objects.values_list("status", flat=True)) == {
        "new",
        "planned",
        "done",
        "declined",
    }
    # Everyone on a register had booked a seat; the small session has a waiting list.
    for line in Attendance.objects.select_related("session"):
        assert Booking.objects.get(session=line.session, user=line.user_id).status == "booked"
    full = TrainingSession.objects.get(capacity=3)
    assert full.bookings.filter(status="booked").count() == 3
    waiting = full.bookings.filter(status="waitlisted").order_by("waitlisted_at")
    assert [b.user.username for b in waiting][:2] == ["sergio.galvao", "sonia.ramalho"]

    # The story: one graduate, dated when they reached the target; the person who left
    # before the programme has no records; two or three people clearly behind.
    certificate = Certificate.objects.get()
    assert certificate.user.username == "andre.pestana"
    assert certificate.total_hours == Decimal("60")
    assert timezone.localdate(certificate.issued_at) == date(2026, 11, 17) + demo_shift()
    assert certificate.first_date == date(2026, 1, 20) + demo_shift()
    assert certificate.last_date == date(2026, 11, 17) + demo_shift()

    leaver = User.objects.get(username="rodrigo.falcao")
    assert not leaver.profile.is_active_member
    assert not Booking.objects.filter(user=leaver).exists()
    assert not Attendance.objects.filter(user=leaver).exists()

    coordinator = User.objects.get(username="coordinator")
    with time_machine.travel(datetime(2026, 11, 28, 12, tzinfo=UTC), tick=False):
        page = parse(client_for(coordinator).get(reverse("training:report")).content)
        behind = parse(
            client_for(coordinator).get(reverse("training:report"), {"behind": "1"}).content
        )
    assert "Objetivo atingido" in page.find(testid="report-table").text
    count = int(behind.find(testid="behind-count").get("data-count"))
    assert 2 <= count <= 3
    rows = behind.find(testid="report-table").find("tbody").find_all("tr")
    assert len(rows) == count
    assert all("Em atraso" in row.text for row in rows)
