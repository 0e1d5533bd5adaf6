"""Certificates: issued once, on the write that takes a person to the target.

Every path that adds hours (attendance recorded, a walk-in, self-study completed, a
correction of the register, a lower target published) calls ``issue_if_due`` after
writing; nothing that only reads (the progress page, the dashboard) ever issues one. The
certificate is dated when the target was reached and describes the hours up to that
moment, worked out from the records themselves, so it is the same whenever and by
whichever path it is issued.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef
from django.utils import timezone

from ..models import Attendance, Certificate, SelfStudyCompletion
from .ledger import (
    ZERO,
    build_ledger,
    current_programme,
    hours_by_user_and_module,
    programme_modules,
    target_hours,
)


@dataclass
class Crossing:
    """The moment a person's hours reached the target, and their hours up to then."""

    reached_at: datetime
    total: Decimal
    by_area: dict[str, Decimal]
    first_date: date
    last_date: date


def crossing(user: User, programme=None, modules=None) -> Crossing | None:
    """Walk the person's credited hours in the order they were earned (a session when it
    ended, self-study when it was declared) and stop where they reach the target."""
    programme = programme or current_programme()
    modules = modules if modules is not None else programme_modules(programme)
    areas = {module.pk: module.topic_area for module in modules}
    # (earned at, kind, id, hours, module, begun at): sorted, ties broken by kind and id.
    events = [
        (
            row["session__ends_at"],
            0,
            row["pk"],
            row["hours"],
            row["session__module_id"],
            row["session__starts_at"],
        )
        for row in Attendance.objects.filter(
            user=user,
            status__in=Attendance.CREDITING,
            hours__gt=0,
            session__module_id__in=areas,
        ).values("pk", "hours", "session__starts_at", "session__ends_at", "session__module_id")
    ]
    events += [
        (row["completed_at"], 1, row["pk"], row["hours"], row["module_id"], row["completed_at"])
        for row in SelfStudyCompletion.objects.filter(
            user=user, hours__gt=0, module_id__in=areas
        ).values("pk", "hours", "completed_at", "module_id")
    ]
    events.sort(key=lambda event: event[:3])
    target = target_hours(programme)
    total = ZERO
    by_area: dict[str, Decimal] = defaultdict(lambda: ZERO)
    first = None
    for when, _kind, _pk, hours, module_id, begun in events:
        total += hours
        by_area[areas[module_id]] += hours
        first = begun if first is None else min(first, begun)
        if total >= target:
            return Crossing(
                reached_at=when,
                total=total,
                by_area=dict(by_area),
                first_date=timezone.localdate(first),
                last_date=timezone.localdate(when),
            )
    return None


def issue_if_due(user: User, programme=None, modules=None) -> Certificate | None:
    """The person's certificate: the one they have, a new one if their hours have reached
    the target, else None. Safe to call as often as you like."""
    existing = Certificate.objects.filter(user=user).first()
    if existing is not None:
        return existing
    reached = crossing(user, programme, modules)
    if reached is None:
        return None
    certificate, _created = Certificate.objects.get_or_create(
        user=user,
        defaults={
            "full_name": user.get_full_name() or user.get_username(),
            "total_hours": reached.total,
            "hours_by_area": {area: f"{hours:.2f}" for area, hours in reached.by_area.items()},
            "first_date": reached.first_date,
            "last_date": reached.last_date,
            "issued_at": reached.reached_at,
        },
    )
    return certificate


def issue_due_certificates() -> list[Certificate]:
    """Certificates for everyone who has reached the target without one yet: after the
    target is lowered, and once for records kept before certificates were issued on
    writing (``manage.py issue_due_certificates``)."""
    programme = current_programme()
    modules = programme_modules(programme)
    people = list(
        User.objects.filter(
            Exists(Attendance.objects.filter(user=OuterRef("pk")))
            | Exists(SelfStudyCompletion.objects.filter(user=OuterRef("pk")))
        ).exclude(Exists(Certificate.objects.filter(user=OuterRef("pk"))))
    )
    hours = hours_by_user_and_module([person.pk for person in people])
    issued = []
    for person in people:
        if build_ledger(person, programme, modules, hours.get(person.pk, {})).reached:
            certificate = issue_if_due(person, programme, modules)
            if certificate is not None:
                issued.append(certificate)
    return issued
