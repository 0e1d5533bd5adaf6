"""Months and quarters for reports: the period arithmetic and the labels people read.

Reports count by calendar month (``TruncMonth``), so a period is a range of whole months,
written as the first day of each month.
"""

import datetime

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month ``months`` after (or before) ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Every month from ``first``'s to ``last``'s, both included (first days)."""
    months, current = [], month_start(first)
    while current <= last:
        months.append(current)
        current = add_months(current, 1)
    return months


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def _month_name(day: datetime.date, short: bool = False) -> str:
    # Portuguese writes month names in lower case; Django's catalogue capitalises them.
    name = date_format(day, "M" if short else "F")
    return name.lower() if (get_language() or "").startswith("pt") else name


def month_label(month: datetime.date, short: bool = False) -> str:
    """ "março de 2025" / "March 2025"; short: "mar 2025" / "Mar 2025"."""
    if short:
        return f"{_month_name(month, short=True)} {month.year}"
    return _("%(month)s %(year)s") % {"month": _month_name(month), "year": month.year}


def quarter_label(start: datetime.date) -> str:
    """ "1.º trimestre de 2025" / "Q1 2025"."""
    return _("Q%(number)s %(year)s") % {"number": (start.month - 1) // 3 + 1, "year": start.year}


def day_label(day: datetime.date) -> str:
    """ "15 de março de 2025" / "15 March 2025" (pt-PT and British order)."""
    return _("%(day)s %(month)s %(year)s") % {
        "day": day.day,
        "month": _month_name(day),
        "year": day.year,
    }
