"""The training programme's rules, by concern: ``booking`` (seats, the waiting list),
``attendance`` (the register, self-study), ``ledger`` (hours against the target),
``certificates``, ``requests`` (topic requests), ``reports`` (the coordinator report) and
``personal_data``. The names most callers need are re-exported here."""

from .attendance import complete_self_study, module_has_hours, record_attendance, session_has_hours
from .booking import (
    book_session,
    cancel_booking,
    cancel_session,
    mark_my_bookings,
    next_booking,
    release_future_bookings,
    upcoming_sessions,
    waiting_position,
)
from .certificates import issue_due_certificates, issue_if_due
from .errors import TrainingError
from .ledger import (
    Ledger,
    can_see_ledger,
    current_programme,
    ledger_for,
    months_between,
    programme_modules,
)
from .requests import triage_request

__all__ = [
    "Ledger",
    "TrainingError",
    "book_session",
    "can_see_ledger",
    "cancel_booking",
    "cancel_session",
    "complete_self_study",
    "current_programme",
    "issue_due_certificates",
    "issue_if_due",
    "ledger_for",
    "mark_my_bookings",
    "module_has_hours",
    "months_between",
    "next_booking",
    "programme_modules",
    "record_attendance",
    "release_future_bookings",
    "session_has_hours",
    "triage_request",
    "upcoming_sessions",
    "waiting_position",
]
