"""What the anonymous log refuses to store: contact details, document numbers, addresses.

The log never holds who asked. Its free-text notes are the one place where a name or a
number could slip in, so every note is checked before it is saved: an e-mail address, a
phone number (Portuguese or international), a number shaped like a NIF, NISS, SNS user
number, passport or residence permit, or an address (a postcode, a street with a door
number, a floor) is refused with a message saying which and why.

Ordinary notes must pass: dates ("12/03/2025", "2025-03-12"), hours ("9h30", "09:30"),
money ("1.200 €", "820,50 euros"), law and article references ("Lei 23/2007",
"art. 88.º"), school years ("2024-2025"). Those are taken out before numbers are looked at.
Names cannot be recognised reliably; the form asks people not to write them.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
POSTCODE = re.compile(r"\b\d{4}\s?-\s?\d{3}\b")
_CAPITALISED = r"[A-ZÁÀÂÃÉÊÍÓÔÕÚÇ0-9][\w'.-]*"
STREET = re.compile(
    r"\b(?i:rua|avenida|av\.|travessa|largo|praça|praceta|estrada|beco|calçada|alameda|"
    r"bairro|urbanização)\s+(?:(?i:d[aeo]s?)\s+)?"
    + _CAPITALISED
    + r"(?:\s+(?:(?i:d[aeo]s?|e)\s+)?"
    + _CAPITALISED
    + r")*\s*,?\s*(?:(?i:n\.?\s?º)\s*)?\d{1,4}\b"
)
FLOOR = re.compile(
    r"(?i:\b\d{1,2}\.?\s?º\s?(?:andar|esq\.?|esquerdo|dto\.?|direito|frente|trás)(?!\w)|\br/c\b)"
)
# Letters and digits in one token, as passports and residence cards are numbered
# ("C123456", "FA1234567", "12345678ZX1").
DOCUMENT_TOKEN = re.compile(r"\b(?:[A-Za-z]{1,3}-?\d{6,9}|\d{6,9}[A-Za-z]{1,3}\d?)\b")

# Numbers that are not about a person, removed before digit runs are counted.
HARMLESS = [
    re.compile(p)
    for p in [
        r"\b\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b",  # 12/03/2025, 12-03-25
        r"\b\d{4}[./-]\d{1,2}[./-]\d{1,2}\b",  # 2025-03-12
        r"\b(?:19|20)\d{2}\s?[-/]\s?(?:(?:19|20)\d{2}|\d{2})\b",  # 2024-2025, 2024/25
        r"\b\d{1,2}\s?[h:]\s?\d{2}\b|\b\d{1,2}\s?h\b",  # 9h30, 09:30, 14h
        r"(?:€|EUR)\s?\d[\d.\s]*(?:,\d{1,2})?",  # € 1.200
        r"\b\d[\d.\s]*(?:,\d{1,2})?\s?(?:€|(?i:euros?)\b|EUR\b)",  # 1.200,50 €
        r"\b\d+(?:,\d+)?\s?%",  # 23 %
        r"\b\d{1,5}/\d{2,4}\b",  # Lei 23/2007, Decreto-Lei 41/2023
    ]
]
DIGIT_RUN = re.compile(r"(?:\+|\b)\d(?:[ .\-]?\d)+")
LONGEST_HARMLESS_RUN = 6

REASONS = {
    "email": _("It contains an e-mail address. The log is anonymous: write no contact details."),
    "phone": _("It contains what looks like a phone number. The log is anonymous: leave it out."),
    "document": _(
        "It contains what looks like a document number (NIF, NISS, SNS user number, "
        "passport or residence permit). The log never stores identifiers: leave it out."
    ),
    "address": _(
        "It contains what looks like an address (a postcode, a street with a door number "
        "or a floor). Write the municipality at most."
    ),
}


def _without_harmless_numbers(text: str) -> str:
    for pattern in HARMLESS:
        text = pattern.sub(" ", text)
    return text


def _number_kind(run: str) -> str | None:
    digits = re.sub(r"\D", "", run)
    if len(digits) <= LONGEST_HARMLESS_RUN:
        return None
    if run.startswith("+") or digits.startswith("00"):
        return "phone"
    if len(digits) == 9 and digits[0] in "29":
        return "phone"
    return "document"


def identifiers_in(text: str) -> list[str]:
    """The kinds of identifier found in ``text`` ("email", "phone", "document", "address"),
    in that order, each once."""
    found: set[str] = set()
    if not text:
        return []
    if EMAIL.search(text):
        found.add("email")
        text = EMAIL.sub(" ", text)
    if POSTCODE.search(text) or STREET.search(text) or FLOOR.search(text):
        found.add("address")
        text = STREET.sub(" ", POSTCODE.sub(" ", text))
    if DOCUMENT_TOKEN.search(text):
        found.add("document")
    for match in DIGIT_RUN.finditer(_without_harmless_numbers(text)):
        kind = _number_kind(match.group().strip())
        if kind:
            found.add(kind)
    return [kind for kind in REASONS if kind in found]


def validate_anonymous_text(value: str) -> None:
    """Refuse text with an identifier in it, saying which kind and why."""
    kinds = identifiers_in(value)
    if kinds:
        raise ValidationError(
            [ValidationError(REASONS[kind], code=f"identifier-{kind}") for kind in kinds]
        )
