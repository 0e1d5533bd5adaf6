"""Listings keep the same number of queries as data grows."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from training.models import Booking, TrainingSession

from .factories import (
    AttendanceFactory,
    BookingFactory,
    SessionFactory,
    StaffFactory,
    TopicRequestFactory,
)

pytestmark = pytest.mark.django_db


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _sessions(module, count, booker):
    start = timezone.now() + timedelta(days=2)
    sessions = TrainingSession.objects.bulk_create(
        [
            TrainingSession(
                module=module,
                starts_at=start + timedelta(days=i),
                ends_at=start + timedelta(days=i, hours=2),
                trainer="T",
                capacity=5,
            )
            for i in range(count)
        ]
    )
    Booking.objects.bulk_create(
        [Booking(session=s, user=booker, status="booked", seat=1) for s in sessions]
    )


@pytest.mark.parametrize(
    "url", [reverse("training:session-list"), "programme", "/", reverse("training:progress")]
)
def test_session_listings_do_not_grow(module, programme, staff_user, client_for, url):
    url = programme.url if url == "programme" else url
    client = client_for(staff_user)
    _sessions(module, 3, staff_user)
    few = _queries(client, url)
    _sessions(module, 40, staff_user)
    assert _queries(client, url) == few


def test_triage_list_does_not_grow(coordinator_user, client_for):
    client = client_for(coordinator_user)
    people = StaffFactory.create_batch(5)
    TopicRequestFactory.create_batch(2, requester=people[0])
    few = _queries(client, reverse("training:request-triage-list"))
    for i in range(30):
        TopicRequestFactory(requester=people[i % 5])
    assert _queries(client, reverse("training:request-triage-list")) == few


def test_attendance_register_does_not_grow(past_session, coordinator_user, client_for):
    client = client_for(coordinator_user)
    url = reverse("training:attendance", args=[past_session.pk])
    BookingFactory.create_batch(2, session=past_session)
    AttendanceFactory(session=past_session)
    few = _queries(client, url)
    for booking in BookingFactory.create_batch(8, session=past_session):
        AttendanceFactory(session=past_session, user=booking.user)
    AttendanceFactory.create_batch(3, session=past_session)  # walk-ins
    assert _queries(client, url) == few


def test_sessions_admin_listing_does_not_grow(module, coordinator_user, client_for):
    client = client_for(coordinator_user)
    _sessions(module, 3, coordinator_user)
    few = _queries(client, reverse("wagtailsnippets_training_trainingsession:list"))
    _sessions(module, 15, coordinator_user)
    assert _queries(client, reverse("wagtailsnippets_training_trainingsession:list")) == few


def test_session_detail_does_not_grow(session, staff_user, client_for):
    client = client_for(staff_user)
    url = reverse("training:session-detail", args=[session.pk])
    few = _queries(client, url)
    SessionFactory.create_batch(5, module=session.module)
    BookingFactory.create_batch(6, session=session)
    assert _queries(client, url) == few
