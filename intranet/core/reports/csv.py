"""One CSV response for every export: spreadsheet-safe cells, UTF-8 with a byte order mark
so Excel opens the accents right, and an attachment file name."""

import csv
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PHONE_SHAPE = re.compile(r"\+[\d ]+")


def safe_cell(value) -> str:
    """Spreadsheets run cells starting with = + - @ (or a tab, a carriage return) as
    formulas, so a name typed as "=HYPERLINK(...)" would run on a coordinator's computer:
    neutralise such cells with a leading apostrophe. A digit after the sign is no proof of
    harmlessness ("=1+HYPERLINK(...)"); only a plain international phone number is kept."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) and not PHONE_SHAPE.fullmatch(text):
        return "'" + text
    return text


def write_rows(stream, header: Sequence, rows: Iterable[Sequence]) -> None:
    writer = csv.writer(stream)
    writer.writerow([safe_cell(value) for value in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])


def csv_response(filename: str, header: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    """An attachment ``filename`` with ``header`` and ``rows``; every value is made safe.

    Values are written with ``str()``: a suppressed ``Count`` writes "<5", never its value.
    """
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")
    write_rows(response, header, rows)
    return response
