"""Booking, capacity, the waiting list and its emails."""

import threading
import time

from django.core import mail
from django.db import OperationalError, connection
from django.utils import timezone

import pytest

from training import services
from training.models import Booking, TrainingSession
from training.services import booking as booking_service

from .factories import BookingFactory, SessionFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_staff_books_a_seat_and_gets_a_confirmation(staff_user, session, client_for):
    client = client_for(staff_user)
    response = client.post(f"/training/sessions/{session.pk}/book/", follow=True)
    assert (
        "Your place is booked" in response.content.decode()
        or "reservado" in response.content.decode()
    )
    booking = Booking.objects.get(session=session, user=staff_user)
    assert booking.status == Booking.Status.BOOKED and booking.seat == 1
    assert len(mail.outbox) == 1
    assert staff_user.email in mail.outbox[0].to
    assert session.module.title in mail.outbox[0].subject
    assert f"/training/sessions/{session.pk}/" in mail.outbox[0].body


def test_full_session_offers_the_waiting_list_and_cancel_promotes_the_first(module, client_for):
    session = SessionFactory(module=module, capacity=1)
    first, second, third = StaffFactory.create_batch(3)
    assert services.book_session(first, session.pk).status == Booking.Status.BOOKED
    page = client_for(second).get(f"/training/sessions/{session.pk}/").content.decode()
    assert 'data-testid="book-session"' in page
    assert "Juntar-me à lista de espera" in page or "Join the waiting list" in page
    assert services.book_session(second, session.pk).status == Booking.Status.WAITLISTED
    assert services.book_session(third, session.pk).status == Booking.Status.WAITLISTED
    third_booking = Booking.objects.get(user=third, session=session)
    assert services.waiting_position(third_booking) == 2
    mail.outbox.clear()

    promoted = services.cancel_booking(first, session.pk)

    assert promoted.user == second
    assert Booking.objects.get(user=second, session=session).status == Booking.Status.BOOKED
    assert Booking.objects.get(user=third, session=session).status == Booking.Status.WAITLISTED
    assert services.waiting_position(Booking.objects.get(user=third, session=session)) == 1
    assert [m.to for m in mail.outbox] == [[second.email]]
    assert "lugar é seu" in mail.outbox[0].subject


def test_cancelled_and_past_sessions_cannot_be_booked(staff_user, module, client_for):
    cancelled = SessionFactory(module=module, status=TrainingSession.Status.CANCELLED)
    past = SessionFactory(module=module, days=-2)
    client = client_for(staff_user)
    for session, text in [(cancelled, "cancelad"), (past, "já decorreu")]:
        response = client.post(f"/training/sessions/{session.pk}/book/", follow=True)
        assert text in response.content.decode()
    assert not Booking.objects.exists()
    assert mail.outbox == []


def test_booking_twice_is_refused(staff_user, session):
    services.book_session(staff_user, session.pk)
    with pytest.raises(services.TrainingError, match="Já reservou lugar"):
        services.book_session(staff_user, session.pk)
    assert Booking.objects.count() == 1


def test_rebooking_after_cancelling_works_and_is_confirmed_again(staff_user, session):
    services.book_session(staff_user, session.pk)
    services.cancel_booking(staff_user, session.pk)
    assert services.book_session(staff_user, session.pk).status == Booking.Status.BOOKED
    assert Booking.objects.count() == 1
    # The booking row is reused, but each round is confirmed by its own e-mail.
    assert [m.to for m in mail.outbox] == [[staff_user.email], [staff_user.email]]


def test_book_and_cancel_need_post(staff_user, session, client_for):
    client = client_for(staff_user)
    assert client.get(f"/training/sessions/{session.pk}/book/").status_code == 405
    assert client.get(f"/training/sessions/{session.pk}/cancel/").status_code == 405


def test_cancel_without_booking_says_so(staff_user, session, client_for):
    response = client_for(staff_user).post(f"/training/sessions/{session.pk}/cancel/", follow=True)
    assert "Não tem reserva" in response.content.decode()


def test_seat_numbers_are_unique_per_session_in_the_database(staff_user, coordinator_user, session):
    """The backstop for the race: two confirmed bookings can never hold the same seat."""
    from django.db import IntegrityError, transaction

    BookingFactory(session=session, user=staff_user, seat=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(session=session, user=coordinator_user, seat=1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_last_seat_race_exactly_one_wins(module):
    """Two people click the last seat at the same moment: exactly one gets it."""
    session = SessionFactory(module=module, days=3, capacity=1)
    people = StaffFactory.create_batch(2)
    barrier = threading.Barrier(2)
    results, errors = {}, []

    def attempt(person):
        try:
            barrier.wait(timeout=10)
            for _try in range(200):
                try:
                    results[person.username] = services.book_session(person, session.pk).status
                    break
                except OperationalError as error:
                    # SQLite's in-memory test database shares one cache between threads
                    # and answers "table is locked" at once instead of waiting as the
                    # file database does (busy_timeout): wait and try again, as it would.
                    if connection.vendor != "sqlite" or "locked" not in str(error):
                        raise
                    time.sleep(0.02)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(results.values()) == [Booking.Status.BOOKED, Booking.Status.WAITLISTED]
    assert Booking.objects.filter(session=session, status=Booking.Status.BOOKED).count() == 1


def test_a_seat_taken_under_a_stale_read_sends_the_booking_to_the_waiting_list(
    staff_user, coordinator_user, module, monkeypatch
):
    """If locking ever failed (a read that missed a concurrent booking), the database's
    unique seat constraint still refuses a second person in the same seat."""
    session = SessionFactory(module=module, capacity=1)
    BookingFactory(session=session, user=coordinator_user, seat=1)
    monkeypatch.setattr(booking_service, "free_seat", lambda session: 1)

    booking = services.book_session(staff_user, session.pk)

    assert booking.status == Booking.Status.WAITLISTED
    assert Booking.objects.filter(session=session, status="booked").count() == 1


def test_cancelling_a_session_in_the_admin_tells_those_booked_once(
    module, coordinator_user, client_for
):
    session = SessionFactory(module=module, capacity=1)
    booked, waiting = StaffFactory.create_batch(2)
    services.book_session(booked, session.pk)
    services.book_session(waiting, session.pk)
    mail.outbox.clear()
    client = client_for(coordinator_user)
    url = f"/admin/snippets/training/trainingsession/edit/{session.pk}/"
    data = {
        "module": module.pk,
        "title": "",
        "starts_at": timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M"),
        "ends_at": timezone.localtime(session.ends_at).strftime("%Y-%m-%d %H:%M"),
        "office": "",
        "place": "",
        "trainer": session.trainer,
        "capacity": "1",
        "status": "cancelled",
        "notes": "",
    }
    assert client.post(url, data).status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted([booked.email, waiting.email])
    assert all("cancelada" in m.subject for m in mail.outbox)
    assert not Booking.objects.exclude(status="cancelled").exists()
    client.post(url, data)
    assert len(mail.outbox) == 2
