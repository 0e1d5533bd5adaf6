"""Opening hours: structured rows (weekday, opens, closes), several intervals a day allowed.

Evening (closing after 18:00) and weekend intervals count as after-hours: the network's
offices open beyond normal working hours so that people who work can come.
"""

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Orderable

LISBON = ZoneInfo("Europe/Lisbon")
EVENING_STARTS = dt.time(18, 0)


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


def lisbon_now(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()).astimezone(LISBON)


def after_hours_q() -> Q:
    return Q(weekday__gte=Weekday.SATURDAY) | Q(closes__gt=EVENING_STARTS)


def open_at_q(now: dt.datetime | None = None) -> Q:
    local = lisbon_now(now)
    moment = local.time().replace(tzinfo=None)
    return Q(weekday=local.weekday(), opens__lte=moment, closes__gt=moment)


def hours_exist(hours_model, fk_name: str, condition: Q) -> Exists:
    """An SQL EXISTS over the hours rows of the outer office or provider."""
    return Exists(hours_model.objects.filter(condition, **{fk_name: OuterRef("pk")}))


def overlap_errors(rows: Iterable[tuple[int, int, dt.time, dt.time]]) -> dict[int, str]:
    """Rows are (position, weekday, opens, closes); returns {position: message}.

    Closing at or before opening, and two intervals on one day that overlap, are errors.
    """
    errors: dict[int, str] = {}
    by_day: dict[int, list[tuple[dt.time, dt.time, int]]] = {}
    for position, weekday, opens, closes in rows:
        if opens is None or closes is None:
            continue
        if closes <= opens:
            errors[position] = str(_("Closing time must be after opening time."))
            continue
        by_day.setdefault(weekday, []).append((opens, closes, position))
    for weekday, intervals in by_day.items():
        intervals.sort()
        for (_o1, c1, _p1), (o2, _c2, p2) in zip(intervals, intervals[1:], strict=False):
            if o2 < c1:
                errors[p2] = str(
                    _("This interval overlaps another one on %(day)s.")
                    % {"day": Weekday(weekday).label}
                )
    return errors


class OpeningHoursRow(Orderable):
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        super().clean()
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("Closing time must be after opening time.")})

    @property
    def is_after_hours(self) -> bool:
        return self.weekday >= Weekday.SATURDAY or self.closes > EVENING_STARTS

    def is_open_at(self, now: dt.datetime | None = None) -> bool:
        local = lisbon_now(now)
        moment = local.time().replace(tzinfo=None)
        return self.weekday == local.weekday() and self.opens <= moment < self.closes


class HasOpeningHours:
    """Python-side answers over ``opening_hours.all()``, so a prefetch serves them."""

    def hours_rows(self) -> list:
        return sorted(self.opening_hours.all(), key=lambda r: (r.weekday, r.opens))

    def is_open_now(self, now: dt.datetime | None = None) -> bool:
        return any(row.is_open_at(now) for row in self.opening_hours.all())

    @property
    def open_now(self) -> bool:
        return self.is_open_now()

    @property
    def has_after_hours(self) -> bool:
        return any(row.is_after_hours for row in self.opening_hours.all())

    def hours_by_day(self) -> list[tuple[str, list]]:
        days: dict[int, list] = {}
        for row in self.hours_rows():
            days.setdefault(row.weekday, []).append(row)
        return [(Weekday(day).label, rows) for day, rows in sorted(days.items())]

    def hours_today(self, now: dt.datetime | None = None) -> str:
        return self.hours_on(lisbon_now(now).date())

    def hours_on(self, day: dt.date) -> str:
        """The opening hours on that day's weekday ("09:00–12:30, 14:00–17:30"); "" if closed."""
        return ", ".join(
            f"{r.opens:%H:%M}–{r.closes:%H:%M}"
            for r in self.hours_rows()
            if r.weekday == day.weekday()
        )

    def hours_text(self) -> str:
        return "; ".join(
            f"{label} " + ", ".join(f"{r.opens:%H:%M}–{r.closes:%H:%M}" for r in rows)
            for label, rows in self.hours_by_day()
        )
