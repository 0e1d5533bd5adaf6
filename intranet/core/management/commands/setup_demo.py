import time

from django.core.management import call_command
from django.core.management.base import BaseCommand


class MigrationProgress:
    """A stream for ``migrate``'s output that shows a short progress line instead of one
    line per migration."""

    def __init__(self, stdout, every: int = 25):
        self.stdout, self.every, self.applied = stdout, every, 0

    def write(self, text: str) -> None:
        if text.lstrip().startswith("Applying"):
            self.applied += 1
            if self.applied % self.every == 0:
                self.stdout.write(f"  … {self.applied} migrations applied")

    def flush(self) -> None:
        self.stdout.flush()


class Command(BaseCommand):
    help = (
        "A development site in one go: the database tables (migrate) and the demo data "
        "(load_demo), in one process, saying what it is doing. `make run` uses it."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        self.stdout.write("Database tables (migrate)…")
        progress = MigrationProgress(self.stdout)
        call_command("migrate", interactive=False, verbosity=1, stdout=progress)
        self.stdout.write(
            f"  {progress.applied} migrations applied ({time.monotonic() - started:.0f} s)"
            if progress.applied
            else "  up to date"
        )
        step = time.monotonic()
        call_command("load_demo", stdout=self.stdout)
        self.stdout.write(
            f"Demo data in {time.monotonic() - step:.0f} s; "
            f"ready in {time.monotonic() - started:.0f} s."
        )
