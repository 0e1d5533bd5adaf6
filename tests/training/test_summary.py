"""A person's training summary (progress page, dashboard, programme page) is kept per
person and content generation: new hours show on the next request, and the next session
leaves it once it has begun, even though nothing was saved."""

from datetime import timedelta
from decimal import Decimal

from django.test import Client
from django.utils import timezone

import pytest
import time_machine

from training.models import Attendance

from .factories import AttendanceFactory, BookingFactory, SessionFactory


def _progress(user):
    client = Client()
    client.force_login(user)
    return client.get("/training/progress/").content.decode()


@pytest.mark.django_db
def test_the_next_session_leaves_the_page_once_it_has_begun(staff_user, module):
    now = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0)
    with time_machine.travel(now, tick=False):
        session = SessionFactory(
            module=module,
            title="Sessão desta manhã",
            starts_at=now + timedelta(minutes=3),
            ends_at=now + timedelta(hours=3),
        )
        BookingFactory(session=session, user=staff_user)
        client = Client()
        client.force_login(staff_user)
        client.get("/training/progress/")  # a log-in may save the profile: not measured
        assert "Sessão desta manhã" in client.get("/training/progress/").content.decode()
    # After it began, within the ten minutes things are kept: nothing was saved, the
    # clock moved on.
    with time_machine.travel(now + timedelta(minutes=5), tick=False):
        response = client.get("/training/progress/")
        assert response.status_code == 200
        assert 'data-testid="hours-total"' in response.content.decode()
        assert "Sessão desta manhã" not in response.content.decode()


@pytest.mark.django_db
def test_new_hours_show_on_the_next_request(staff_user, module, past_session):
    assert 'data-testid="hours-total"' in _progress(staff_user)
    before = _progress(staff_user)
    AttendanceFactory(
        session=past_session, user=staff_user, status=Attendance.Status.PRESENT, hours=Decimal(3)
    )
    after = _progress(staff_user)
    assert after != before
    assert "3 de 60" in after or "3 of 60" in after
