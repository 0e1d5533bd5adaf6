"""Reading ids from query strings and forms without letting odd values reach the database.

``"99999999999999999999"`` is a valid Python int but no database integer (SQLite raises
OverflowError, PostgreSQL an out-of-range error), and ``str.isdigit()`` accepts digits of
other scripts ("١٢٣"). Ids are ASCII digits within a 64-bit signed range, or nothing.
"""

import re

from django import forms

MAX_ID = 2**63 - 1
_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(value) -> int | None:
    text = str(value).strip() if value is not None else ""
    if not _ASCII_DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


class IdModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that answers "not one of the choices" to an impossible id
    instead of letting the database fail on it."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if self.to_field_name is None and parse_id(value) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)
