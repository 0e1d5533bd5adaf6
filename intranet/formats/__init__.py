"""Date and number formats, one place for the whole site (FORMAT_MODULE_PATH).

Templates and code use only the named formats (``|date:"DATE_FORMAT"``,
``date_format(value, "DATETIME_FORMAT")``), never a pattern of their own:

=======================  ==================================  ==========================
name                     pt-PT                               English (British)
=======================  ==================================  ==========================
DATE_FORMAT              15 de dezembro de 2026              15 December 2026
DATETIME_FORMAT          terça-feira, 15 de dezembro de      Tuesday 15 December 2026,
                         2026, 09:30                         9:30
SHORT_DATE_FORMAT        15/12/2026                          15 Dec 2026
SHORT_DATETIME_FORMAT    15/12/2026 09:30                    15 Dec 2026, 9:30
TIME_FORMAT              09:30                               9:30
YEAR_MONTH_FORMAT        dezembro de 2026                    December 2026
MONTH_DAY_FORMAT         15 de dezembro                      15 December
=======================  ==================================  ==========================

Current pt-PT spelling writes months and weekdays in lower case; Django's Portuguese
catalogue capitalises them, so the project's catalogue (locale/pt_PT) overrides those
words, listed below so that ``makemessages`` keeps them.
"""

from django.utils.translation import gettext_noop, pgettext_lazy

CALENDAR_WORDS = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
    gettext_noop("Monday"),
    gettext_noop("Tuesday"),
    gettext_noop("Wednesday"),
    gettext_noop("Thursday"),
    gettext_noop("Friday"),
    gettext_noop("Saturday"),
    gettext_noop("Sunday"),
    gettext_noop("jan"),
    gettext_noop("feb"),
    gettext_noop("mar"),
    gettext_noop("apr"),
    gettext_noop("may"),
    gettext_noop("jun"),
    gettext_noop("jul"),
    gettext_noop("aug"),
    gettext_noop("sep"),
    gettext_noop("oct"),
    gettext_noop("nov"),
    gettext_noop("dec"),
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
