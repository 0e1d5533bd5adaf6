import subprocess  # noqa: S404 - only to name pg_dump's error
from pathlib import Path

from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError

from intranet.core.backups import BackupError, database_has_data, restore_backup, verify_archive


class Command(BaseCommand):
    help = (
        "Restore the database and the uploaded files from an archive made by `backup`, after "
        "checking its checksums. Refuses to overwrite a database that has data unless --force. "
        "Stop the site and the task worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite the current database and uploaded files.",
        )
        parser.add_argument(
            "--check", action="store_true", help="Only check the archive; change nothing."
        )

    def handle(self, *args, archive: Path, force=False, check=False, **options):
        if not archive.is_file():
            raise CommandError(f"{archive} is not a file.")
        try:
            manifest = verify_archive(archive)
            if check:
                self.stdout.write(
                    f"{archive.name}: checksums match ({len(manifest['files'])} files, "
                    f"{manifest['engine']}, made {manifest['created_at']})."
                )
                return
            if database_has_data() and not force:
                raise CommandError(
                    "The database already has data. Restoring replaces it and every uploaded "
                    "file: run again with --force if that is what you want."
                )
            restore_backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        except subprocess.CalledProcessError as error:
            detail = (error.stderr or b"").decode(errors="replace")
            raise CommandError(f"Restore failed: pg_restore said: {detail}") from error
        for cache in caches.all():
            cache.clear()
        self.stdout.write(f"Restored {archive.name} (made {manifest['created_at']}).")
