"""The attendance register and self-study: the two ways hours are earned. Each write ends
by issuing the certificate if the person has just reached the target."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.people.services import colleagues

from ..models import Attendance, Booking, SelfStudyCompletion, TrainingModulePage, TrainingSession
from . import certificates
from .errors import TrainingError
from .ledger import TWO_PLACES, ZERO


def record_attendance(
    session: TrainingSession,
    user: User,
    status: str,
    hours: Decimal | None,
    recorded_by: User,
) -> Attendance:
    """Record (or correct) one line of a session's register.

    Hours default to the session's length for present/late and to 0 otherwise; they may
    never be negative nor exceed the session's length. Someone without a booking is
    recorded as a walk-in.
    """
    if status not in Attendance.Status.values:
        raise TrainingError(_("Unknown attendance status."))
    if session.is_cancelled:
        raise TrainingError(_("This session was cancelled: no attendance can be recorded."))
    if session.starts_at > timezone.now():
        raise TrainingError(_("Attendance can be recorded once the session has started."))
    duration = session.duration_hours
    if hours is None:
        hours = duration if status in Attendance.CREDITING else ZERO
    hours = Decimal(hours)
    if hours < 0:
        raise TrainingError(_("Hours cannot be negative."))
    if hours > duration:
        raise TrainingError(
            _("Hours cannot exceed the session's length (%(hours)s h).") % {"hours": duration}
        )
    if status not in Attendance.CREDITING and hours > 0:
        raise TrainingError(_("Only people present or late can be credited hours."))
    walk_in = not Booking.objects.filter(
        session=session, user=user, status=Booking.Status.BOOKED
    ).exists()
    with transaction.atomic():
        attendance, _created = Attendance.objects.update_or_create(
            session=session,
            user=user,
            defaults={
                "status": status,
                "hours": hours.quantize(TWO_PLACES),
                "walk_in": walk_in,
                "recorded_by": recorded_by,
                "recorded_at": timezone.now(),
            },
        )
    certificates.issue_if_due(user)
    return attendance


def complete_self_study(user: User, module: TrainingModulePage) -> tuple[SelfStudyCompletion, bool]:
    """Credit the module's self-study hours once; clicking again changes nothing."""
    if module.self_study_hours <= 0:
        raise TrainingError(_("This module has no self-study part."))
    try:
        with transaction.atomic():
            completion, created = SelfStudyCompletion.objects.get_or_create(
                user=user, module=module, defaults={"hours": module.self_study_hours}
            )
    except IntegrityError:
        completion, created = SelfStudyCompletion.objects.get(user=user, module=module), False
    if created:
        certificates.issue_if_due(user)
    return completion, created


def module_has_hours(module: TrainingModulePage) -> bool:
    return (
        Attendance.objects.filter(session__module=module).exists()
        or SelfStudyCompletion.objects.filter(module=module).exists()
    )


def session_has_hours(session: TrainingSession) -> bool:
    return session.attendances.exists()


@dataclass
class RegisterLine:
    person: User
    attendance: Attendance | None


def register_lines(session: TrainingSession) -> list[RegisterLine]:
    """Everyone booked on the session, then anyone else already on its register (walk-ins,
    people who cancelled after being recorded), by name."""
    bookings = (
        session.bookings.filter(status=Booking.Status.BOOKED)
        .select_related("user")
        .order_by("user__first_name", "user__last_name")
    )
    recorded = {a.user_id: a for a in session.attendances.select_related("user")}
    people = {booking.user_id: booking.user for booking in bookings}
    for attendance in recorded.values():
        people.setdefault(attendance.user_id, attendance.user)
    return [RegisterLine(person, recorded.get(person.pk)) for person in people.values()]


def walk_in_candidates(session: TrainingSession, lines: list[RegisterLine]) -> QuerySet[User]:
    """Who may be added as a walk-in: colleagues not on the register yet."""
    return (
        colleagues()
        .exclude(pk__in=[line.person.pk for line in lines])
        .order_by("first_name", "last_name", "username")
    )
