"""CSV exports that are safe to open in a spreadsheet."""

import re

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
