"""Loading service providers from CSV: validate every row, then write all or nothing.

The stable key is the ``slug`` column: importing the same file again updates the
providers it names instead of adding copies.
"""

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from django import forms
from django.db import models, transaction
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from .forms import WEEKDAY_CODES
from .models import Language, ProviderOpeningHours, ServiceProvider
from .models.hours import overlap_errors

REQUIRED_COLUMNS = ["slug", "name", "category", "municipality"]
OPTIONAL_COLUMNS = [
    "address",
    "phone",
    "email",
    "website",
    "languages",
    "eligibility",
    "what_to_bring",
    "referral_note",
    "hours",
]
HOURS_ITEM = re.compile(
    r"^(?P<day>[a-z]{3})\s+(?P<opens>\d{1,2}:\d{2})\s*-\s*(?P<closes>\d{1,2}:\d{2})$"
)


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, columns)."""


def _formfield(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class ProviderRowForm(forms.ModelForm):
    class Meta:
        formfield_callback = _formfield
        model = ServiceProvider
        fields = [
            "slug",
            "name",
            "category",
            "municipality",
            "address",
            "phone",
            "email",
            "website",
            "eligibility",
            "what_to_bring",
            "referral_note",
        ]


@dataclass
class ParsedRow:
    line: int
    form: ProviderRowForm
    languages: list
    hours: list[tuple[int, dt.time, dt.time]]


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    written: bool = False


def parse_hours(text: str) -> list[tuple[int, dt.time, dt.time]]:
    """ "mon 09:00-12:30; sat 09:00-13:00" into rows; ValueError with the reason."""
    rows = []
    for item in filter(None, (part.strip().lower() for part in text.split(";"))):
        match = HOURS_ITEM.match(item)
        if not match or match["day"] not in WEEKDAY_CODES:
            raise ValueError(_("“%(item)s” is not like “mon 09:00-12:30”.") % {"item": item})
        try:
            opens = dt.time.fromisoformat(match["opens"].zfill(5))
            closes = dt.time.fromisoformat(match["closes"].zfill(5))
        except ValueError as error:
            raise ValueError(_("“%(item)s” has an impossible time.") % {"item": item}) from error
        rows.append((int(WEEKDAY_CODES[match["day"]]), opens, closes))
    problems = overlap_errors((i, day, o, c) for i, (day, o, c) in enumerate(rows))
    if problems:
        raise ValueError(next(iter(problems.values())))
    return rows


def read_rows(data: bytes) -> list[tuple[int, dict]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("The file is not UTF-8 text (bad byte at position %(pos)s). Save it as CSV UTF-8.")
            % {"pos": error.start}
        ) from error
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip() for c in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    unknown = [c for c in columns if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("missing columns: %(cols)s") % {"cols": ", ".join(missing)})
        if unknown:
            parts.append(_("unknown columns: %(cols)s") % {"cols": ", ".join(unknown)})
        raise ImportFileError(_("Wrong columns") + " — " + "; ".join(parts))
    reader.fieldnames = columns
    # Line numbers as a spreadsheet shows them: the header is line 1.
    return [
        (reader.line_num, {k: (v or "").strip() for k, v in row.items() if k is not None})
        for row in reader
    ]


def validate(rows: list[tuple[int, dict]]) -> tuple[list[ParsedRow], list[tuple[int, str]]]:
    languages = {lang.code: lang for lang in Language.objects.all()}
    existing = {
        p.slug: p for p in ServiceProvider.objects.filter(slug__in=[r["slug"] for _n, r in rows])
    }
    seen: dict[str, int] = {}
    parsed, errors = [], []
    for line, row in rows:
        problems = []
        slug = row.get("slug", "")
        if slug in seen:
            problems.append(
                _("slug: “%(slug)s” already used on line %(line)s")
                % {"slug": slug, "line": seen[slug]}
            )
        seen.setdefault(slug, line)
        form = ProviderRowForm(
            {k: row.get(k, "") for k in ProviderRowForm.Meta.fields}, instance=existing.get(slug)
        )
        if not form.is_valid():
            for name, messages in form.errors.items():
                problems.extend(f"{name}: {message}" for message in messages)
        codes = [
            c.strip().lower() for c in re.split(r"[;,]", row.get("languages", "")) if c.strip()
        ]
        unknown = [c for c in codes if c not in languages]
        if unknown:
            problems.append(
                _("languages: unknown code(s) %(codes)s") % {"codes": ", ".join(unknown)}
            )
        try:
            hours = parse_hours(row.get("hours", ""))
        except ValueError as error:
            problems.append(f"hours: {error}")
            hours = []
        if problems:
            errors.extend((line, problem) for problem in problems)
        else:
            parsed.append(ParsedRow(line, form, [languages[c] for c in codes], hours))
    return parsed, errors


def import_providers(data: bytes, partial: bool = False) -> ImportReport:
    report = ImportReport()
    parsed, report.errors = validate(read_rows(data))
    if report.errors and not partial:
        return report
    with transaction.atomic():
        for row in parsed:
            created = row.form.instance.pk is None
            provider = row.form.save(commit=False)
            # A ClusterableModel keeps child rows and m2m in memory until save().
            provider.languages = row.languages
            provider.opening_hours = [
                ProviderOpeningHours(weekday=d, opens=o, closes=c, sort_order=i)
                for i, (d, o, c) in enumerate(row.hours)
            ]
            provider.save()
            provider.save_revision(clean=False)
            log(provider, "wagtail.create" if created else "wagtail.edit")
            if created:
                report.created += 1
            else:
                report.updated += 1
    report.written = True
    return report
