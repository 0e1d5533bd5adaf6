"""Someone marked as having left (``intranet.people.services.mark_as_left``): their future
seats go to the waiting list, they get no reminder, and they leave the report and its
counts. The programme's population is ``colleagues()``."""

import io
from datetime import UTC, datetime, timedelta

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from intranet.people.services import mark_as_left
from training import services
from training.models import Booking
from training.services.attendance import register_lines, walk_in_candidates

from .factories import AttendanceFactory, BookingFactory, SessionFactory, StaffFactory
from .html import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaver(db):
    return StaffFactory(first_name="Rodrigo", last_name="Falcão")


def test_a_leavers_future_seats_go_to_the_waiting_list(module, leaver):
    full = SessionFactory(module=module, days=5, capacity=1)
    waiting = SessionFactory(module=module, days=9, capacity=1)
    past = SessionFactory(module=module, days=-3)
    first_in_line, second_in_line, holder = StaffFactory.create_batch(3)
    services.book_session(leaver, full.pk)
    services.book_session(first_in_line, full.pk)
    services.book_session(second_in_line, full.pk)
    services.book_session(holder, waiting.pk)
    services.book_session(leaver, waiting.pk)  # on that session's waiting list
    BookingFactory(session=past, user=leaver)
    mail.outbox.clear()

    mark_as_left(leaver.profile)

    statuses = dict(Booking.objects.filter(user=leaver).values_list("session_id", "status"))
    assert statuses == {full.pk: "cancelled", waiting.pk: "cancelled", past.pk: "booked"}
    assert Booking.objects.get(session=full, user=first_in_line).status == "booked"
    assert Booking.objects.get(session=full, user=second_in_line).status == "waitlisted"
    assert Booking.objects.get(session=waiting, user=holder).status == "booked"
    # The person promoted gets the usual e-mail; the leaver gets nothing.
    assert [m.to for m in mail.outbox] == [[first_in_line.email]]
    assert full.module.title in mail.outbox[0].subject


def test_a_leaver_gets_no_session_reminder(module, leaver):
    day = timezone.localdate() + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(hours=10)
    session = SessionFactory(module=module, starts_at=start, ends_at=start + timedelta(hours=2))
    BookingFactory(session=session, user=leaver)
    mark_as_left(leaver.profile)
    # Even a booking left behind (made before the release existed) is not reminded.
    Booking.objects.filter(user=leaver).update(status="booked", seat=1, cancelled_at=None)
    mail.outbox.clear()
    call_command("send_session_reminders", stdout=io.StringIO())
    assert mail.outbox == []


@time_machine.travel(datetime(2026, 11, 28, 12, tzinfo=UTC), tick=False)
def test_a_leaver_vanishes_from_the_report_and_its_counts(
    past_session, leaver, staff_user, coordinator_user, client_for
):
    AttendanceFactory(session=past_session, user=leaver)
    client = client_for(coordinator_user)
    before = parse(client.get(reverse("training:report")).content)
    assert "Rodrigo Falcão" in before.find(testid="report-table").text
    behind_before = int(before.find(testid="behind-count").get("data-count"))

    mark_as_left(leaver.profile)

    after = parse(client.get(reverse("training:report")).content)
    assert "Rodrigo Falcão" not in after.find(testid="report-table").text
    assert "Rodrigo Falcão" not in after.find(testid="report-chart").text
    assert int(after.find(testid="behind-count").get("data-count")) == behind_before - 1
    csv = client.get(reverse("training:report-csv")).content.decode("utf-8-sig")
    assert leaver.username not in csv
    # Their hours are kept: coordinators still open their page.
    person = client.get(reverse("training:progress-person", args=[leaver.pk]))
    assert person.status_code == 200 and 'aria-valuenow="3"' in person.content.decode()


def test_a_leaver_is_not_offered_as_a_walk_in(past_session, leaver, staff_user):
    lines = register_lines(past_session)
    assert leaver in walk_in_candidates(past_session, lines)
    mark_as_left(leaver.profile)
    assert leaver not in walk_in_candidates(past_session, lines)
    assert staff_user in walk_in_candidates(past_session, lines)
