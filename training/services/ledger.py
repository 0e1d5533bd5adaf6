"""The hours ledger: each person's hours by module and topic area against the programme's
target, and the pace they need to keep to reach it in time."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import Sum
from django.utils import timezone

from intranet.core.roles import is_coordinator

from ..models import (
    Attendance,
    SelfStudyCompletion,
    TopicArea,
    TrainingModulePage,
    TrainingProgrammePage,
)

ZERO = Decimal("0")
TWO_PLACES = Decimal("0.01")
DEFAULT_TARGET = 60


def current_programme() -> TrainingProgrammePage | None:
    return TrainingProgrammePage.objects.live().first() or TrainingProgrammePage.objects.first()


def target_hours(programme: TrainingProgrammePage | None) -> Decimal:
    return Decimal(programme.target_hours if programme else DEFAULT_TARGET)


def programme_modules(programme: TrainingProgrammePage | None) -> list[TrainingModulePage]:
    """The modules whose hours count, in programme order. Unpublished modules count too:
    a module with hours on record is unpublished rather than deleted, and keeps its hours."""
    modules = TrainingModulePage.objects.all()
    if programme is not None:
        modules = modules.descendant_of(programme)
    return list(modules.order_by("sequence", "title"))


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


def build_ledger(user, programme, modules, hours: dict[int, list[Decimal]]) -> Ledger:
    ledger = Ledger(
        user=user,
        target=target_hours(programme),
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
    modules = modules if modules is not None else programme_modules(programme)
    hours = hours_by_user_and_module([user.pk]).get(user.pk, {})
    return build_ledger(user, programme, modules, hours)


def can_see_ledger(viewer, person) -> bool:
    return viewer.is_authenticated and (viewer.pk == person.pk or is_coordinator(viewer))
