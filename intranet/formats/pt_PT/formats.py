# pt-PT, current spelling: "terça-feira, 15 de dezembro de 2026, 09:30" (intranet.formats).
DATE_FORMAT = r"j \d\e F \d\e Y"
DATETIME_FORMAT = r"l, j \d\e F \d\e Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = r"F \d\e Y"
MONTH_DAY_FORMAT = r"j \d\e F"
FIRST_DAY_OF_WEEK = 1
# Input formats and separators: Django's own for the language.
