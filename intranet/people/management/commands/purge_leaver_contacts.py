from django.core.management.base import BaseCommand, CommandError

from intranet.people import services


class Command(BaseCommand):
    help = (
        "Remove the personal contact details (phone, emails, photo, bio) of people who left "
        "the network more than --days ago (default: PEOPLE_LEAVER_RETENTION_DAYS, 365). "
        "Safe to run daily from cron: profiles already cleared are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Retention period in days after leaving (default from settings).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be cleared; change nothing."
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = services.retention_days() if days is None else days
        if days < 0:
            raise CommandError("--days must be zero or more.")
        due = list(services.leavers_due_for_purge(days))
        for profile in due:
            if not dry_run:
                services.purge_contacts(profile)
            self.stdout.write(f"  {profile.user.get_username()} (left on {profile.left_on})")
        verb = "Would clear" if dry_run else "Cleared"
        self.stdout.write(
            f"{verb} the contact details of {len(due)} leaver(s) (retention {days} days)."
        )
