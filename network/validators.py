import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PHONE_CHARS = re.compile(r"^\+?[0-9 ()-]+$")


def validate_phone(value: str) -> None:
    """Portuguese or international numbers: digits, spaces, an optional leading +."""
    digits = re.sub(r"\D", "", value)
    if not PHONE_CHARS.match(value) or not 9 <= len(digits) <= 15:
        raise ValidationError(
            _("Enter a valid phone number, e.g. 266 123 456 or +351 266 123 456."),
            code="invalid_phone",
        )
