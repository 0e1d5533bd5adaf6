"""The training programme's rules: booking under concurrency, attendance, self-study,
the hours ledger, the coordinator report, topic-request triage and certificates."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.core.roles import COORDINATORS, STAFF, is_coordinator
from intranet.core.tokens import current_token

from .models import (
    CALENDAR_PURPOSE,
    Attendance,
    Booking,
    Certificate,
    SelfStudyCompletion,
    TopicArea,
    TopicRequest,
    TrainingModulePage,
    TrainingProgrammePage,
    TrainingSession,
)

ZERO = Decimal("0")
TWO_PLACES = Decimal("0.01")


class TrainingError(Exception):
    """A rule of the programme refused the action; the message is for the person."""


# --- Sessions and bookings -------------------------------------------------------------


def upcoming_sessions() -> QuerySet[TrainingSession]:
    return (
        TrainingSession.objects.filter(
            status=TrainingSession.Status.SCHEDULED, starts_at__gt=timezone.now()
        )
        .select_related("module", "office")
        .annotate(booked_count=Count("bookings", filter=Q(bookings__status=Booking.Status.BOOKED)))
        .order_by("starts_at")
    )


def mark_my_bookings(sessions, user) -> list[TrainingSession]:
    """Set ``my_status`` (booked, waitlisted or None) on each session, in one query."""
    sessions = list(sessions)
    mine = my_booked_session_ids(user)
    for session in sessions:
        session.my_status = mine.get(session.pk)
    return sessions


def my_booked_session_ids(user) -> dict[int, str]:
    """{session id: booking status} for the person's active bookings."""
    if not user.is_authenticated:
        return {}
    return dict(
        Booking.objects.filter(user=user)
        .exclude(status=Booking.Status.CANCELLED)
        .values_list("session_id", "status")
    )


def _free_seat(session: TrainingSession) -> int | None:
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
            booking.reminder_sent_at = None
            seat = _free_seat(session)
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
                },
            )
    _notify_booking(booking)
    return booking


def _check_bookable(session: TrainingSession) -> None:
    if session.is_cancelled:
        raise TrainingError(_("This session has been cancelled and cannot be booked."))
    if session.starts_at <= timezone.now():
        raise TrainingError(_("This session has already taken place and cannot be booked."))


def _notify_booking(booking: Booking) -> None:
    from .tasks import send_booking_email

    send_booking_email.enqueue(booking.pk)


def cancel_booking(user: User, session_id: int) -> Booking | None:
    """Cancel the person's booking; the first on the waiting list takes the freed seat.

    Returns the promoted booking, if any.
    """
    promoted = None
    with transaction.atomic():
        session = TrainingSession.objects.select_for_update().get(pk=session_id)
        booking = (
            Booking.objects.filter(session=session, user=user)
            .exclude(status=Booking.Status.CANCELLED)
            .first()
        )
        if booking is None:
            raise TrainingError(_("You have no booking for this session."))
        if session.starts_at <= timezone.now():
            raise TrainingError(
                _("This session has already started; it can no longer be cancelled.")
            )
        freed_seat = booking.seat if booking.status == Booking.Status.BOOKED else None
        booking.status, booking.seat, booking.cancelled_at = (
            Booking.Status.CANCELLED,
            None,
            timezone.now(),
        )
        booking.save(update_fields=["status", "seat", "cancelled_at"])
        if freed_seat is not None:
            promoted = (
                Booking.objects.filter(session=session, status=Booking.Status.WAITLISTED)
                .order_by("waitlisted_at", "pk")
                .first()
            )
            if promoted:
                promoted.status, promoted.seat = Booking.Status.BOOKED, freed_seat
                promoted.save(update_fields=["status", "seat"])
    if promoted:
        _notify_booking(promoted)
    return promoted


def cancel_session(session: TrainingSession) -> int:
    """Called once a session is cancelled: its bookings end and the people booked or
    waiting are told by email. Returns how many were told; running it again tells nobody."""
    from .tasks import send_session_cancelled_email

    with transaction.atomic():
        active = list(
            Booking.objects.select_for_update()
            .filter(session=session)
            .exclude(status=Booking.Status.CANCELLED)
            .values_list("pk", flat=True)
        )
        Booking.objects.filter(pk__in=active).update(
            status=Booking.Status.CANCELLED, seat=None, cancelled_at=timezone.now()
        )
    for booking_id in active:
        send_session_cancelled_email.enqueue(booking_id)
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


# --- Attendance and self-study ---------------------------------------------------------


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
    issue_certificate_if_due(user)
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
        issue_certificate_if_due(user)
    return completion, created


def module_has_hours(module: TrainingModulePage) -> bool:
    return (
        Attendance.objects.filter(session__module=module).exists()
        or SelfStudyCompletion.objects.filter(module=module).exists()
    )


def session_has_hours(session: TrainingSession) -> bool:
    return session.attendances.exists()


# --- The hours ledger ------------------------------------------------------------------


def current_programme() -> TrainingProgrammePage | None:
    return TrainingProgrammePage.objects.live().first() or TrainingProgrammePage.objects.first()


def months_between(start: date, end: date) -> int:
    """Whole and part months from ``start`` up to ``end`` (0 when ``end`` has passed)."""
    if end < start:
        return 0
    months = (end.year - start.year) * 12 + (end.month - start.month)
    # The month we are in counts while there are days left in it.
    return months + 1 if end.day >= start.day or months == 0 else months


@dataclass
class ModuleHours:
    module: TrainingModulePage
    face_to_face: Decimal = ZERO
    self_study: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.face_to_face + self.self_study


@dataclass
class Ledger:
    user: User
    target: Decimal
    start_date: date | None
    end_date: date | None
    modules: list[ModuleHours] = field(default_factory=list)
    by_area: dict[str, Decimal] = field(default_factory=dict)
    today: date = field(default_factory=timezone.localdate)

    @property
    def total(self) -> Decimal:
        return sum((m.total for m in self.modules), ZERO)

    @property
    def remaining(self) -> Decimal:
        return max(self.target - self.total, ZERO)

    @property
    def percent(self) -> int:
        if not self.target:
            return 100
        return min(100, int(self.total * 100 / self.target))

    @property
    def reached(self) -> bool:
        return self.total >= self.target

    @property
    def months_left(self) -> int:
        if not self.end_date:
            return 0
        return months_between(max(self.today, self.start_date or self.today), self.end_date)

    @property
    def hours_per_month_needed(self) -> Decimal:
        if self.reached:
            return ZERO
        if not self.months_left:
            return self.remaining
        return (self.remaining / self.months_left).quantize(Decimal("0.1"))

    @property
    def expected_by_now(self) -> Decimal:
        """Hours a person keeping an even pace would have by today."""
        if not (self.start_date and self.end_date):
            return ZERO
        span = (self.end_date - self.start_date).days or 1
        elapsed = min(max((self.today - self.start_date).days, 0), span)
        return (self.target * elapsed / span).quantize(TWO_PLACES)

    @property
    def behind_schedule(self) -> bool:
        return not self.reached and self.total < self.expected_by_now

    @property
    def area_rows(self) -> list[tuple[str, Decimal]]:
        return [(label, self.by_area.get(value, ZERO)) for value, label in TopicArea.choices]


def _modules(programme: TrainingProgrammePage | None) -> list[TrainingModulePage]:
    qs = TrainingModulePage.objects.all()
    if programme is not None:
        qs = qs.descendant_of(programme)
    return list(qs.order_by("sequence", "title"))


def hours_by_user_and_module(user_ids=None) -> dict[int, dict[int, list[Decimal]]]:
    """{user id: {module id: [face-to-face, self-study]}} in two queries."""
    result: dict[int, dict[int, list[Decimal]]] = defaultdict(
        lambda: defaultdict(lambda: [ZERO, ZERO])
    )
    attendance = Attendance.objects.filter(status__in=Attendance.CREDITING)
    self_study = SelfStudyCompletion.objects.all()
    if user_ids is not None:
        attendance = attendance.filter(user_id__in=user_ids)
        self_study = self_study.filter(user_id__in=user_ids)
    for row in attendance.values("user_id", "session__module_id").annotate(hours=Sum("hours")):
        result[row["user_id"]][row["session__module_id"]][0] += row["hours"] or ZERO
    for row in self_study.values("user_id", "module_id").annotate(hours=Sum("hours")):
        result[row["user_id"]][row["module_id"]][1] += row["hours"] or ZERO
    return result


def _build_ledger(user, programme, modules, hours: dict[int, list[Decimal]]) -> Ledger:
    ledger = Ledger(
        user=user,
        target=Decimal(programme.target_hours if programme else 60),
        start_date=programme.start_date if programme else None,
        end_date=programme.end_date if programme else None,
    )
    by_area: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for module in modules:
        f2f, own = hours.get(module.pk, [ZERO, ZERO])
        ledger.modules.append(ModuleHours(module=module, face_to_face=f2f, self_study=own))
        by_area[module.topic_area] += f2f + own
    ledger.by_area = dict(by_area)
    return ledger


def ledger_for(user, programme=None, modules=None) -> Ledger | None:
    if not user.is_authenticated:
        return None
    programme = programme or current_programme()
    modules = modules if modules is not None else _modules(programme)
    hours = hours_by_user_and_module([user.pk]).get(user.pk, {})
    return _build_ledger(user, programme, modules, hours)


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


# --- Coordinator report ----------------------------------------------------------------


def programme_people() -> QuerySet[User]:
    """Everyone taking the programme: active staff and coordinators."""
    return (
        User.objects.filter(is_active=True, groups__name__in=[STAFF, COORDINATORS])
        .distinct()
        .select_related("profile__office")
        .order_by("last_name", "first_name", "username")
    )


@dataclass
class ReportRow:
    user: User
    ledger: Ledger

    @property
    def office(self):
        profile = getattr(self.user, "profile", None)
        return profile.office if profile else None


def report_rows(users, programme=None, modules=None) -> list[ReportRow]:
    """One ledger per person for the given users, in a fixed number of queries."""
    programme = programme or current_programme()
    modules = modules if modules is not None else _modules(programme)
    users = list(users)
    hours = hours_by_user_and_module([u.pk for u in users])
    return [
        ReportRow(user=u, ledger=_build_ledger(u, programme, modules, hours.get(u.pk, {})))
        for u in users
    ]


# --- Topic requests --------------------------------------------------------------------


def triage_request(
    topic_request: TopicRequest,
    status: str,
    by: User,
    response: str = "",
    module: TrainingModulePage | None = None,
    session: TrainingSession | None = None,
) -> TopicRequest:
    if status == TopicRequest.Status.DECLINED and not response.strip():
        raise TrainingError(_("Say why the request is declined."))
    changed = status != topic_request.status
    topic_request.status = status
    topic_request.response = response
    topic_request.module = module
    topic_request.session = session
    topic_request.triaged_by = by
    topic_request.save()
    if changed:
        from .tasks import send_topic_request_email

        send_topic_request_email.enqueue(topic_request.pk)
    return topic_request


# --- Certificates ----------------------------------------------------------------------


def issue_certificate_if_due(user: User) -> Certificate | None:
    existing = Certificate.objects.filter(user=user).first()
    if existing:
        return existing
    ledger = ledger_for(user)
    if ledger is None or not ledger.reached:
        return None
    dates = Attendance.objects.filter(user=user, status__in=Attendance.CREDITING).aggregate(
        first=Min("session__starts_at"), last=Max("session__ends_at")
    )
    study = SelfStudyCompletion.objects.filter(user=user).aggregate(
        first=Min("completed_at"), last=Max("completed_at")
    )
    firsts = [timezone.localdate(d) for d in (dates["first"], study["first"]) if d]
    lasts = [timezone.localdate(d) for d in (dates["last"], study["last"]) if d]
    certificate, _created = Certificate.objects.get_or_create(
        user=user,
        defaults={
            "full_name": user.get_full_name() or user.get_username(),
            "total_hours": ledger.total,
            "hours_by_area": {k: f"{v:.2f}" for k, v in ledger.by_area.items() if v},
            "first_date": min(firsts) if firsts else None,
            "last_date": max(lasts) if lasts else None,
        },
    )
    return certificate


def can_see_ledger(viewer, person) -> bool:
    return viewer.is_authenticated and (viewer.pk == person.pk or is_coordinator(viewer))


# --- Personal data ---------------------------------------------------------------------


def personal_data(user: User) -> dict:
    """What the programme stores about a person, JSON-ready, for their data download."""
    bookings = Booking.objects.filter(user=user).select_related("session__module")
    attendance = Attendance.objects.filter(user=user).select_related("session__module")
    certificate = Certificate.objects.filter(user=user).first()
    return {
        "bookings": [
            {
                "session": b.session.display_title,
                "starts_at": b.session.starts_at.isoformat(),
                "status": b.status,
                "booked_at": b.created_at.isoformat(),
            }
            for b in bookings
        ],
        "attendance": [
            {
                "session": a.session.display_title,
                "starts_at": a.session.starts_at.isoformat(),
                "status": a.status,
                "hours": str(a.hours),
                "walk_in": a.walk_in,
            }
            for a in attendance
        ],
        "self_study": [
            {
                "module": c.module.title,
                "hours": str(c.hours),
                "completed_at": c.completed_at.isoformat(),
            }
            for c in SelfStudyCompletion.objects.filter(user=user).select_related("module")
        ],
        "topic_requests": [
            {
                "topic": r.topic,
                "reason": r.reason,
                "status": r.status,
                "response": r.response,
                "requested_at": r.created_at.isoformat(),
            }
            for r in TopicRequest.objects.filter(requester=user)
        ],
        "certificate": {
            "code": certificate.code,
            "total_hours": str(certificate.total_hours),
            "issued_at": certificate.issued_at.isoformat(),
        }
        if certificate
        else None,
        "calendar_feed": current_token(user, CALENDAR_PURPOSE) is not None,
    }
