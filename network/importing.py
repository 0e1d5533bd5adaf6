"""Loading service providers from CSV: validate every row, then write all or nothing.

The stable key is the ``slug`` column: importing the same file again updates the
providers it names instead of adding copies.

Large files must neither eat the server's memory nor lock the site:
- the file is read as a stream, and refused past ``DIRECTORY_IMPORT_MAX_BYTES`` or
  ``DIRECTORY_IMPORT_MAX_ROWS`` (settings) before anything is written;
- every row is validated first, with no transaction open;
- then rows are written in batches of ``DIRECTORY_IMPORT_BATCH_SIZE``, each its own short
  transaction, with a pause between batches so that other requests get the database (on
  SQLite a write transaction locks the whole file);
- all or nothing: if a batch fails, the batches already written are undone (providers
  created are deleted, providers updated get their earlier state back) and the error is
  raised.
"""

import csv
import datetime as dt
import io
import re
import time
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.db import connection, models, transaction
from django.template.defaultfilters import filesizeformat
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
    """A valid row, kept small: the cleaned values, not the form."""

    line: int
    values: dict
    existing_pk: int | None
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


def limits() -> tuple[int, int]:
    return (
        int(getattr(settings, "DIRECTORY_IMPORT_MAX_BYTES", 5 * 1024 * 1024)),
        int(getattr(settings, "DIRECTORY_IMPORT_MAX_ROWS", 5000)),
    )


def _as_stream(data) -> io.BufferedIOBase:
    return io.BytesIO(data) if isinstance(data, bytes | bytearray) else data


def _size(stream) -> int:
    position = stream.tell()
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(position)
    return size


def read_rows(data):
    """Yield ``(line, row)`` from CSV bytes or a binary file, checking the limits and the
    encoding as it goes. Raises ImportFileError for the file as a whole."""
    max_bytes, max_rows = limits()
    stream = _as_stream(data)
    size = _size(stream)
    if size > max_bytes:
        raise ImportFileError(
            _("The file is %(size)s; the limit is %(limit)s. Split it into smaller files.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes)}
        )
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.DictReader(text)
    try:
        fieldnames = reader.fieldnames
        columns = [c.strip() for c in (fieldnames or [])]
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
        for count, row in enumerate(reader, start=1):
            if count > max_rows:
                raise ImportFileError(
                    _("The file has more than %(limit)s rows. Split it into smaller files.")
                    % {"limit": max_rows}
                )
            # Line numbers as a spreadsheet shows them: the header is line 1.
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k is not None}
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("The file is not UTF-8 text (bad byte near line %(line)s). Save it as CSV UTF-8.")
            % {"line": reader.line_num + 1}
        ) from error
    except csv.Error as error:
        raise ImportFileError(
            _("The file is not valid CSV (line %(line)s: %(error)s).")
            % {"line": reader.line_num, "error": error}
        ) from error
    finally:
        text.detach()


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def validate(rows) -> tuple[list[ParsedRow], list[tuple[int, str]]]:
    """Check every row (an iterable of ``(line, row)``); nothing is written."""
    languages = {lang.code: lang for lang in Language.objects.all()}
    seen: dict[str, int] = {}
    parsed, errors = [], []
    for chunk in _chunks(rows, 500):
        slugs = [row.get("slug", "") for _line, row in chunk]
        existing = {p.slug: p for p in ServiceProvider.objects.filter(slug__in=slugs)}
        for line, row in chunk:
            problems = []
            slug = row.get("slug", "")
            if slug in seen:
                problems.append(
                    _("slug: “%(slug)s” already used on line %(line)s")
                    % {"slug": slug, "line": seen[slug]}
                )
            seen.setdefault(slug, line)
            instance = existing.get(slug)
            form = ProviderRowForm(
                {k: row.get(k, "") for k in ProviderRowForm.Meta.fields}, instance=instance
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
                values = {k: form.cleaned_data[k] for k in ProviderRowForm.Meta.fields}
                pk = instance.pk if instance else None
                parsed.append(ParsedRow(line, values, pk, [languages[c] for c in codes], hours))
    return parsed, errors


@dataclass
class _Journal:
    """What the batches written so far changed, to undo them if a later batch fails."""

    created: list[int] = field(default_factory=list)
    before: list[dict] = field(default_factory=list)

    @transaction.atomic
    def undo(self) -> None:
        ServiceProvider.objects.filter(pk__in=self.created).delete()
        for data in self.before:
            ServiceProvider.from_serializable_data(data).save()


def _write_batch(rows: list[ParsedRow], journal: _Journal, report: ImportReport) -> None:
    existing = ServiceProvider.objects.in_bulk([r.existing_pk for r in rows if r.existing_pk])
    created, before = [], []
    with transaction.atomic():
        for row in rows:
            provider = existing.get(row.existing_pk) or ServiceProvider()
            if provider.pk:
                before.append(provider.serializable_data())
            for name, value in row.values.items():
                setattr(provider, name, value)
            # A ClusterableModel keeps child rows and m2m in memory until save().
            provider.languages = row.languages
            provider.opening_hours = [
                ProviderOpeningHours(weekday=d, opens=o, closes=c, sort_order=i)
                for i, (d, o, c) in enumerate(row.hours)
            ]
            is_new = provider.pk is None
            provider.save()
            provider.save_revision(clean=False)
            log(provider, "wagtail.create" if is_new else "wagtail.edit")
            if is_new:
                created.append(provider.pk)
    # Only once the batch is committed does it need undoing later.
    journal.created.extend(created)
    journal.before.extend(before)
    report.created += len(created)
    report.updated += len(rows) - len(created)


def import_providers(data, partial: bool = False) -> ImportReport:
    """Import providers from CSV ``data`` (bytes or a binary file). Nothing is written if
    any row is bad (unless ``partial``) or if writing fails half-way."""
    report = ImportReport()
    parsed, report.errors = validate(read_rows(data))
    if report.errors and not partial:
        return report
    batch_size = int(getattr(settings, "DIRECTORY_IMPORT_BATCH_SIZE", 50))
    pause = float(getattr(settings, "DIRECTORY_IMPORT_PAUSE_SECONDS", 0.1))
    journal = _Journal()
    try:
        for number, batch in enumerate(_chunks(parsed, batch_size)):
            if number and connection.vendor == "sqlite":
                time.sleep(pause)  # let waiting writers (logins, bookings) have the file
            _write_batch(batch, journal, report)
    except Exception:
        journal.undo()
        report.created = report.updated = 0
        raise
    report.written = True
    return report
