# British English: "Tuesday 15 December 2026, 9:30", never month-first (intranet.formats).
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "l j F Y, G:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, G:i"
TIME_FORMAT = "G:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1
# Input formats and separators: Django's own for the language.
