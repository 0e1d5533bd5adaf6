from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from wagtail import hooks

from intranet.core import demo


class Command(BaseCommand):
    help = (
        "Load the demo data (accounts, pages, offices, training, ...). Safe to run again: "
        "nothing is duplicated. Demo accounts share a published password: dev only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even under production settings (creates accounts with a known password).",
        )

    def handle(self, *args, force=False, **options):
        if settings.INTRANET_ENVIRONMENT == "production" and not force:
            raise CommandError(
                "Refusing to load demo data under production settings: the demo accounts "
                "have a published password. Use --force if you really mean it."
            )
        self.stdout.write("Loading demo data (fictional: names and contacts are made up)…")
        # The demo people have made-up addresses: publishing, submitting and following
        # pages while loading must not email anyone.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
            transaction.atomic(),
        ):
            demo.load(self.stdout)
            for loader in hooks.get_hooks("register_demo_data"):
                loader(self.stdout)
        call_command("update_index", verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(
                f"Done. Log in as admin, coordinator, staff or partner "
                f"with the password '{demo.DEMO_PASSWORD}'."
            )
        )
