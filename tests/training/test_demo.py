"""The training demo: a realistic, idempotent 60-hour programme."""

import io
import re
from datetime import UTC, datetime
from decimal import Decimal

from django.core.management import call_command
from django.utils import timezone

import pytest
import time_machine

from tests.conftest import make_user
from training.models import (
    Attendance,
    Booking,
    Certificate,
    TopicRequest,
    TrainingModulePage,
    TrainingSession,
)

pytestmark = pytest.mark.django_db


def _counts():
    return [
        model.objects.count()
        for model in (
            TrainingModulePage,
            TrainingSession,
            Booking,
            Attendance,
            TopicRequest,
            Certificate,
        )
    ]


def test_demo_builds_the_programme_once(client_for):
    for n in range(3):
        make_user(f"tecnico{n}", "Staff")
    call_command("load_demo", stdout=io.StringIO())
    first = _counts()
    call_command("load_demo", stdout=io.StringIO())
    assert _counts() == first

    modules = TrainingModulePage.objects.live()
    assert 8 <= modules.count() <= 12
    assert sum(m.nominal_hours for m in modules) == Decimal("60")
    now = timezone.now()
    assert TrainingSession.objects.filter(starts_at__lt=now).exists()
    assert TrainingSession.objects.filter(starts_at__gt=now).exists()
    assert Attendance.objects.exists()
    assert Booking.objects.filter(status="waitlisted").exists()
    assert set(TopicRequest.objects.values_list("status", flat=True)) == {
        "new",
        "planned",
        "done",
        "declined",
    }
    certificate = Certificate.objects.get()
    assert certificate.total_hours >= 60

    from django.contrib.auth.models import User

    html = (
        client_for(User.objects.get(username="coordinator"))
        .get("/training/report/")
        .content.decode()
    )
    assert "Objetivo atingido" in html

    # Two or three people are clearly behind: the coordinator report has someone to
    # follow up (and not everyone is).
    with time_machine.travel(datetime(2026, 11, 28, 12, tzinfo=UTC), tick=False):
        behind = (
            client_for(User.objects.get(username="coordinator"))
            .get("/training/report/?behind=1")
            .content.decode()
        )
    count = int(re.search(r'data-testid="behind-count">(\d+)', behind).group(1))
    assert 2 <= count <= 3
    assert behind.count('class="badge badge--warn"') == count
