from django.core.management.base import BaseCommand

from intranet.legal.services import send_acknowledgement_reminders


class Command(BaseCommand):
    help = (
        "E-mail each staff member the must-read legal updates they have not acknowledged. "
        "For cron: a person gets at most one reminder a day, however often this runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--overdue-only",
            action="store_true",
            help="Remind only of updates whose acknowledge-by date has passed.",
        )

    def handle(self, *args, overdue_only=False, **options):
        sent, skipped = send_acknowledgement_reminders(overdue_only=overdue_only)
        self.stdout.write(
            f"Reminders sent: {sent}; not sent (already reminded today, or switched off): "
            f"{skipped}."
        )
