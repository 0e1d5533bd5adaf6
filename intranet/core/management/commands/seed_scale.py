import time

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from intranet.core import scale


class Command(BaseCommand):
    help = (
        "Fill the database with fictional national-scale data for load tests: factor 1 adds "
        "about the demo's size, factor 100 a national network (800 offices, 2,000 people, "
        "200,000 enquiries, ...). Runs once per database. Accounts share the demo password: "
        "dev and benchmarks only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--factor", type=int, default=1, help="Size: 1 ≈ the demo, 100 ≈ a national network."
        )
        parser.add_argument(
            "--skip-index",
            action="store_true",
            help="Do not rebuild the search index afterwards (run update_index yourself).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even under production settings (creates accounts with a known password).",
        )

    def handle(self, *args, factor=1, skip_index=False, force=False, **options):
        if settings.INTRANET_ENVIRONMENT == "production" and not force:
            raise CommandError(
                "Refusing to seed scale data under production settings: its accounts have a "
                "published password. Use --force if you really mean it."
            )
        if factor < 1:
            raise CommandError("--factor must be a whole number of at least 1.")
        seeded = User.objects.filter(username__startswith=scale.SCALE_USERNAME_PREFIX).count()
        if seeded:
            raise CommandError(
                f"This database already holds scale data ({seeded} accounts named "
                f"{scale.SCALE_USERNAME_PREFIX}…). seed_scale runs once per database: seed a "
                "fresh one (e.g. another INTRANET_VAR_DIR or DATABASE_URL, then migrate and "
                "load_demo)."
            )
        started = time.monotonic()
        run = scale.ScaleRun(factor=factor, stdout=self.stdout)
        self.stdout.write(f"Seeding scale data, factor {factor} (fictional people and places)…")
        # Nothing made here may e-mail anyone.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
            transaction.atomic(),
        ):
            for contribute in scale.contributors():
                contribute(run)
        if skip_index:
            run.say("search index not rebuilt (--skip-index): run manage.py update_index")
        else:
            run.say("rebuilding the search index…")
            call_command("update_index", verbosity=0)
        summary = ", ".join(f"{n:,} {label}" for label, n in run.counts.items())
        self.stdout.write(
            self.style.SUCCESS(f"Done in {time.monotonic() - started:.0f} s: {summary}.")
        )
