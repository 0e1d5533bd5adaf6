import subprocess  # noqa: S404 - only to name pg_dump's error
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from intranet.core.backups import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite online backup, or pg_dump) and the uploaded files into "
        "one dated archive with a SHA-256 checksum beside it. Safe while the site runs. "
        "See docs/operations.md for rotation and restoring."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="Folder for the archive (default: BACKUP_DIR, var/backups).",
        )

    def handle(self, *args, output=None, **options):
        folder = output or Path(settings.BACKUP_DIR)
        try:
            archive = create_backup(folder)
        except (BackupError, OSError) as error:
            raise CommandError(f"Backup failed: {error}") from error
        except subprocess.CalledProcessError as error:
            detail = (error.stderr or b"").decode(errors="replace")
            raise CommandError(f"Backup failed: pg_dump said: {detail}") from error
        self.stdout.write(archive.as_posix())
