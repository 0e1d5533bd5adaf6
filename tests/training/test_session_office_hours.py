"""A session weeks ahead shows its office's hours on the session's day, not today's."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

import pytest

from tests.network.factories import SupportOfficeFactory

from .factories import SessionFactory

pytestmark = pytest.mark.django_db


def next_weekday(weekday: int, after_days: int = 14) -> dt.date:
    day = timezone.localdate() + dt.timedelta(days=after_days)
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def session_on(day: dt.date, office, module):
    starts = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
    return SessionFactory(
        module=module, office=office, starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
    )


def test_session_page_shows_the_hours_of_the_sessions_weekday(client_for, staff_user, module):
    # Open on Wednesdays only (weekday 2), with an evening.
    office = SupportOfficeFactory(hours=[(2, (9, 0), (12, 30)), (2, (18, 0), (20, 0))])
    wednesday = session_on(next_weekday(2), office, module)
    thursday = session_on(next_weekday(3), office, module)
    client = client_for(staff_user)

    html = client.get(reverse("training:session-detail", args=[wednesday.pk])).content.decode()
    hours = html[html.index('data-testid="office-hours-on-day"') :]
    hours = hours[: hours.index("</span>")]
    assert "09:00–12:30, 18:00–20:00" in hours
    assert "Hoje:" not in html

    html = client.get(reverse("training:session-detail", args=[thursday.pk])).content.decode()
    hours = html[html.index('data-testid="office-hours-on-day"') :]
    hours = hours[: hours.index("</span>")]
    assert "fechado" in hours and "09:00" not in hours
