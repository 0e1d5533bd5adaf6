from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.utils import timezone

from intranet.legal.models import AcknowledgementReminder
from intranet.legal.services import pending_reminders
from intranet.legal.tasks import send_acknowledgement_reminder


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
        today = timezone.localdate()
        sent = skipped = 0
        for user, page_ids in pending_reminders(overdue_only=overdue_only, today=today):
            try:
                with transaction.atomic():
                    AcknowledgementReminder.objects.create(
                        user=user, sent_on=today, update_count=len(page_ids)
                    )
            except IntegrityError:
                skipped += 1
                continue
            send_acknowledgement_reminder.enqueue(user.pk, page_ids)
            sent += 1
        self.stdout.write(f"Reminders sent: {sent}; already reminded today: {skipped}.")
