from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from intranet.enquiries.retention import fold_old_enquiries


class Command(BaseCommand):
    help = (
        "Fold enquiries older than ENQUIRY_RETENTION_YEARS (default 5) into monthly counts "
        "and delete them. Run daily from cron; insights keep the same totals."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, help="override the retention period")
        parser.add_argument("--dry-run", action="store_true", help="say what would be done")

    def handle(self, *args, years=None, dry_run=False, **options):
        if years is not None and years < 1:
            raise CommandError("--years must be 1 or more.")
        years = years if years is not None else settings.ENQUIRY_RETENTION_YEARS
        result = fold_old_enquiries(timezone.localdate(), years, dry_run=dry_run)
        verb = "Would fold" if dry_run else "Folded"
        self.stdout.write(
            f"{verb} {result.enquiries} enquiries from before {result.before:%Y-%m-%d} "
            f"({years} years) into monthly counts: {result.rows_created} new rows, "
            f"{result.rows_updated} updated."
        )
