from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from network.importing import ImportFileError, import_providers


class Command(BaseCommand):
    help = (
        "Import service providers from a UTF-8 CSV file (columns: slug, name, category, "
        "municipality, and optionally address, phone, email, website, languages, eligibility, "
        "what_to_bring, referral_note, hours like 'mon 09:00-12:30; sat 09:00-13:00'). "
        "Rows are matched by slug: re-importing updates them. Nothing is written if any row "
        "is bad, unless --partial. Files over DIRECTORY_IMPORT_MAX_BYTES (5 MB) or "
        "DIRECTORY_IMPORT_MAX_ROWS (5000 rows) are refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--partial", action="store_true", help="Import the good rows even if some are bad."
        )

    def handle(self, *args, path: Path, partial: bool = False, **options):
        try:
            stream = path.open("rb")
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            with stream:
                report = import_providers(stream, partial=partial)
        except ImportFileError as error:
            raise CommandError(f"{path}: {error}") from error
        for line, message in report.errors:
            self.stderr.write(f"line {line}: {message}")
        if report.errors and not report.written:
            raise CommandError(
                f"{len({line for line, _m in report.errors})} bad row(s); nothing was imported. "
                "Fix them or use --partial."
            )
        self.stdout.write(
            self.style.SUCCESS(f"{report.created} created, {report.updated} updated.")
        )
