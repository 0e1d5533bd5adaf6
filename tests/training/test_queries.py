"""Listings keep the same number of queries as data grows."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from tests.conftest import make_user
from training.models import Booking, TopicRequest, TrainingSession

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


@pytest.mark.parametrize("url", ["/training/sessions/", "/training/", "/"])
def test_session_listings_do_not_grow(module, staff_user, client_for, url):
    client = client_for(staff_user)
    _sessions(module, 3, staff_user)
    few = _queries(client, url)
    _sessions(module, 40, staff_user)
    assert _queries(client, url) == few


def test_triage_list_does_not_grow(coordinator_user, client_for):
    client = client_for(coordinator_user)
    people = [make_user(f"req{i}", "Staff") for i in range(5)]
    TopicRequest.objects.bulk_create(
        [TopicRequest(requester=people[0], topic="A", reason="B") for _ in range(2)]
    )
    few = _queries(client, "/training/requests/triage/")
    TopicRequest.objects.bulk_create(
        [TopicRequest(requester=people[i % 5], topic=f"T{i}", reason="R") for i in range(30)]
    )
    assert _queries(client, "/training/requests/triage/") == few


def test_sessions_admin_listing_does_not_grow(module, coordinator_user, client_for):
    client = client_for(coordinator_user)
    _sessions(module, 3, coordinator_user)
    few = _queries(client, "/admin/snippets/training/trainingsession/")
    _sessions(module, 15, coordinator_user)
    assert _queries(client, "/admin/snippets/training/trainingsession/") == few
