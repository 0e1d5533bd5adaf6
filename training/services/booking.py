"""Sessions and bookings: seats under concurrency, the waiting list, cancellations, and
letting go of the bookings of someone who leaves the network."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import notifications
from ..models import Booking, TrainingSession
from .errors import TrainingError


def sessions_with_counts() -> QuerySet[TrainingSession]:
    """Sessions with ``booked_count``. A subquery per session row rather than a join and
    GROUP BY: "the next five sessions" then counts five sessions' bookings, not every
    booking of every session before the limit applies."""
    booked = (
        Booking.objects.filter(session=OuterRef("pk"), status=Booking.Status.BOOKED)
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return TrainingSession.objects.select_related("module", "office").annotate(
        booked_count=Coalesce(Subquery(booked, output_field=IntegerField()), 0)
    )


def upcoming_sessions() -> QuerySet[TrainingSession]:
    return (
        sessions_with_counts()
        .filter(status=TrainingSession.Status.SCHEDULED, starts_at__gt=timezone.now())
        .order_by("starts_at")
    )


def mark_my_bookings(sessions, user) -> list[TrainingSession]:
    """Set ``my_status`` (booked, waitlisted or None) on each session, in one query."""
    sessions = list(sessions)
    mine = {}
    if user.is_authenticated and sessions:
        # Only the sessions shown: a person's bookings grow over the years.
        mine = dict(
            Booking.objects.filter(user=user, session_id__in=[s.pk for s in sessions])
            .exclude(status=Booking.Status.CANCELLED)
            .values_list("session_id", "status")
        )
    for session in sessions:
        session.my_status = mine.get(session.pk)
    return sessions


def active_booking(session: TrainingSession, user: User) -> Booking | None:
    return (
        Booking.objects.filter(session=session, user=user)
        .exclude(status=Booking.Status.CANCELLED)
        .first()
    )


def free_seat(session: TrainingSession) -> int | None:
    taken = set(
        session.bookings.filter(status=Booking.Status.BOOKED).values_list("seat", flat=True)
    )
    return next((seat for seat in range(1, session.capacity + 1) if seat not in taken), None)


def book_session(user: User, session_id: int) -> Booking:
    """Book a seat, or a place on the waiting list when the session is full.

    The session row is locked for the transaction (PostgreSQL: SELECT ... FOR UPDATE;
    SQLite: the IMMEDIATE transaction takes the write lock at BEGIN), so two people
    clicking the last seat at once are served one after the other. The unique
    (session, seat) constraint is the backstop: if a seat is taken under us anyway, the
    insert fails and the booking goes to the waiting list.
    """
    try:
        with transaction.atomic():
            session = (
                TrainingSession.objects.select_for_update()
                .select_related("module")
                .get(pk=session_id)
            )
            _check_bookable(session)
            booking = Booking.objects.filter(session=session, user=user).first()
            if booking and booking.status != Booking.Status.CANCELLED:
                raise TrainingError(_("You have already booked this session."))
            booking = booking or Booking(session=session, user=user)
            booking.created_at = timezone.now()
            booking.cancelled_at = None
            seat = free_seat(session)
            if seat is None:
                booking.status, booking.seat = Booking.Status.WAITLISTED, None
                booking.waitlisted_at = timezone.now()
            else:
                booking.status, booking.seat = Booking.Status.BOOKED, seat
            with transaction.atomic():
                booking.save()
    except IntegrityError:
        # Someone took the same seat in between: the person goes to the waiting list.
        with transaction.atomic():
            session = TrainingSession.objects.select_for_update().get(pk=session_id)
            booking, _created = Booking.objects.update_or_create(
                session=session,
                user=user,
                defaults={
                    "status": Booking.Status.WAITLISTED,
                    "seat": None,
                    "waitlisted_at": timezone.now(),
                    "created_at": timezone.now(),
                    "cancelled_at": None,
                },
            )
    notifications.booking_made(booking)
    return booking


def _check_bookable(session: TrainingSession) -> None:
    if session.is_cancelled:
        raise TrainingError(_("This session has been cancelled and cannot be booked."))
    if session.starts_at <= timezone.now():
        raise TrainingError(_("This session has already taken place and cannot be booked."))


def _release(booking: Booking) -> Booking | None:
    """Cancel a booking whose session row is locked; the first on the waiting list takes
    the freed seat. Returns the promoted booking, if any."""
    freed_seat = booking.seat if booking.status == Booking.Status.BOOKED else None
    booking.status, booking.seat, booking.cancelled_at = (
        Booking.Status.CANCELLED,
        None,
        timezone.now(),
    )
    booking.save(update_fields=["status", "seat", "cancelled_at"])
    if freed_seat is None:
        return None
    promoted = (
        Booking.objects.filter(session_id=booking.session_id, status=Booking.Status.WAITLISTED)
        .order_by("waitlisted_at", "pk")
        .first()
    )
    if promoted:
        promoted.status, promoted.seat = Booking.Status.BOOKED, freed_seat
        promoted.save(update_fields=["status", "seat"])
    return promoted


def cancel_booking(user: User, session_id: int) -> Booking | None:
    """Cancel the person's booking; the first on the waiting list takes the freed seat.

    Returns the promoted booking, if any.
    """
    with transaction.atomic():
        session = TrainingSession.objects.select_for_update().get(pk=session_id)
        booking = active_booking(session, user)
        if booking is None:
            raise TrainingError(_("You have no booking for this session."))
        if session.starts_at <= timezone.now():
            raise TrainingError(
                _("This session has already started; it can no longer be cancelled.")
            )
        promoted = _release(booking)
    if promoted:
        notifications.booking_promoted(promoted)
    return promoted


def release_future_bookings(user: User) -> list[Booking]:
    """Someone left the network: their bookings and waiting-list places on sessions still
    to come are cancelled, and each freed seat goes to the first in line (who is told).
    Returns the promoted bookings."""
    session_ids = list(
        Booking.objects.filter(user=user, session__starts_at__gt=timezone.now())
        .exclude(status=Booking.Status.CANCELLED)
        .values_list("session_id", flat=True)
    )
    promoted = []
    for session_id in session_ids:
        with transaction.atomic():
            session = TrainingSession.objects.select_for_update().get(pk=session_id)
            booking = active_booking(session, user)
            if booking is not None:
                promoted.append(_release(booking))
    promoted = [booking for booking in promoted if booking is not None]
    for booking in promoted:
        notifications.booking_promoted(booking)
    return promoted


def cancel_session(session: TrainingSession) -> int:
    """Called once a session is cancelled: its bookings end and the people booked or
    waiting are told by email. Returns how many were told; running it again tells nobody."""
    with transaction.atomic():
        active = list(
            Booking.objects.select_for_update()
            .filter(session=session)
            .exclude(status=Booking.Status.CANCELLED)
        )
        Booking.objects.filter(pk__in=[booking.pk for booking in active]).update(
            status=Booking.Status.CANCELLED, seat=None, cancelled_at=timezone.now()
        )
    for booking in active:
        notifications.session_cancelled(booking)
    return len(active)


def waiting_position(booking: Booking) -> int | None:
    if booking.status != Booking.Status.WAITLISTED:
        return None
    return (
        Booking.objects.filter(
            session_id=booking.session_id,
            status=Booking.Status.WAITLISTED,
        )
        .filter(
            Q(waitlisted_at__lt=booking.waitlisted_at)
            | Q(waitlisted_at=booking.waitlisted_at, pk__lt=booking.pk)
        )
        .count()
        + 1
    )


def waiting_count(session: TrainingSession) -> int:
    return session.bookings.filter(status=Booking.Status.WAITLISTED).count()


def next_booking(user) -> Booking | None:
    return (
        Booking.objects.filter(
            user=user,
            status=Booking.Status.BOOKED,
            session__status=TrainingSession.Status.SCHEDULED,
            session__starts_at__gt=timezone.now(),
        )
        .select_related("session__module", "session__office")
        .order_by("session__starts_at")
        .first()
    )


def my_sessions(person: User) -> QuerySet[TrainingSession]:
    """The sessions a person holds a seat on, for their calendar feed."""
    return (
        TrainingSession.objects.filter(
            bookings__user=person, bookings__status=Booking.Status.BOOKED
        )
        .select_related("module", "office")
        .order_by("starts_at")
    )


def calendar_sessions() -> QuerySet[TrainingSession]:
    """Every session from a year ago on, for the programme's calendar feed."""
    since = timezone.now() - timezone.timedelta(days=365)
    return (
        TrainingSession.objects.filter(starts_at__gte=since)
        .select_related("module", "office")
        .order_by("starts_at")
    )
